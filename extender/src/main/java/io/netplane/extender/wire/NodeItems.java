package io.netplane.extender.wire;

/**
 * The {@code Nodes.items} objects of a Nodes-mode request as where they lie in the request body: a
 * filter answer echoes the fit ones as they were sent, and none is held as a tree meanwhile.
 */
public final class NodeItems {
  private final byte[] body;
  private final int[] bounds;
  private final int size;

  /** {@code bounds}: start and end offset of each item in {@code body}, owned from here on. */
  NodeItems(byte[] body, int[] bounds, int size) {
    this.body = body;
    this.bounds = bounds;
    this.size = size;
  }

  public int size() {
    return size;
  }

  byte[] body() {
    return body;
  }

  int start(int i) {
    return bounds[2 * i];
  }

  int length(int i) {
    return bounds[2 * i + 1] - bounds[2 * i];
  }
}
