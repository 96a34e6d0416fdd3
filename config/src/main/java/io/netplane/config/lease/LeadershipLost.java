package io.netplane.config.lease;

/**
 * Thrown before a write once this replica may no longer hold the lease: the reconcile stops there.
 */
public final class LeadershipLost extends RuntimeException {
  private final String write;

  LeadershipLost(String write) {
    super("not leading any more: stopped before " + write, null, false, false);
    this.write = write;
  }

  /** The write that was not sent. */
  public String write() {
    return write;
  }
}
