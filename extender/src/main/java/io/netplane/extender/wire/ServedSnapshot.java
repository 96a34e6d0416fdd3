package io.netplane.extender.wire;

import io.netplane.config.rules.Decider;
import io.netplane.config.rules.NodeVerdicts;

/**
 * One snapshot as requests are served from it: its decider, and its node names encoded once for the
 * wire, looked up from a request's bytes ({@link RequestDecoder}) and copied quoted into answers
 * ({@link AnswerEncoder}). Built when the snapshot is published, so no request pays for it and
 * nothing of the wire hangs on the decider.
 */
public final class ServedSnapshot {
  private final Decider decider;
  private final NodeNameTable table;
  private final byte[][] quotedNames;

  private ServedSnapshot(Decider decider) {
    this.decider = decider;
    this.table = new NodeNameTable(decider);
    this.quotedNames = new byte[decider.nodeCount()][];
    for (int slot = 0; slot < quotedNames.length; slot++) {
      quotedNames[slot] = AnswerBytes.quoted(decider.nodeName(slot));
    }
  }

  public static ServedSnapshot of(Decider decider) {
    return new ServedSnapshot(decider);
  }

  public Decider decider() {
    return decider;
  }

  NodeNameTable table() {
    return table;
  }

  /**
   * The {@code i}-th node of {@code verdicts} as a JSON string: as encoded here when this snapshot
   * numbered it, else encoded now.
   */
  byte[] quotedName(NodeVerdicts verdicts, int i) {
    int slot = verdicts.slot(i);
    return slot >= 0 ? quotedNames[slot] : AnswerBytes.quoted(verdicts.node(i));
  }
}
