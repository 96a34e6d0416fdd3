package io.netplane.config.rules;

import java.util.List;

/**
 * The verdict and score of each node of a request, by position: what a wire answer is made of,
 * read without an object per node.
 */
public interface NodeVerdicts {
  int size();

  String node(int i);

  Verdict verdict(int i);

  /** 0..10; 0 when not fit. */
  int score(int i);

  /**
   * The node's number in the snapshot that decided it ({@link Decider#nodeName(int)}), or -1 when
   * the snapshot has no such node or nothing numbered it.
   */
  int slot(int i);

  /** Per-node decisions as verdicts by position, numbered by no snapshot. */
  static NodeVerdicts of(List<NodeDecision> nodes) {
    return new NodeVerdicts() {
      @Override
      public int size() {
        return nodes.size();
      }

      @Override
      public String node(int i) {
        return nodes.get(i).node();
      }

      @Override
      public Verdict verdict(int i) {
        return nodes.get(i).verdict();
      }

      @Override
      public int score(int i) {
        return nodes.get(i).score();
      }

      @Override
      public int slot(int i) {
        return -1;
      }
    };
  }
}
