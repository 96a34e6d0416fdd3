package io.netplane.config.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The verdict and score of each node of a request, by position, kept as arrays: what a wire answer
 * is made of, read without an object per node. A final class, so that the loops reading it
 * thousands of times a request make direct calls.
 */
public final class NodeVerdicts {
  private final String[] names;
  private final Verdict[] verdicts;
  private final int[] scores;
  private final int[] slots;

  /** Arrays owned by the new instance from here on. */
  NodeVerdicts(String[] names, Verdict[] verdicts, int[] scores, int[] slots) {
    this.names = names;
    this.verdicts = verdicts;
    this.scores = scores;
    this.slots = slots;
  }

  /** Verdicts and scores by position, numbered by no snapshot. */
  public static NodeVerdicts of(List<String> names, List<Verdict> verdicts, int[] scores) {
    if (names.size() != verdicts.size() || names.size() != scores.length) {
      throw new IllegalArgumentException(
          names.size()
              + " names, "
              + verdicts.size()
              + " verdicts and "
              + scores.length
              + " scores");
    }
    int[] unnumbered = new int[names.size()];
    Arrays.fill(unnumbered, -1);
    return new NodeVerdicts(
        names.toArray(new String[0]), verdicts.toArray(new Verdict[0]), scores.clone(), unnumbered);
  }

  /** Per-node decisions as verdicts by position, numbered by no snapshot. */
  public static NodeVerdicts of(List<NodeDecision> nodes) {
    return of(
        nodes.stream().map(NodeDecision::node).toList(),
        nodes.stream().map(NodeDecision::verdict).toList(),
        nodes.stream().mapToInt(NodeDecision::score).toArray());
  }

  public int size() {
    return verdicts.length;
  }

  public String node(int i) {
    return names[i];
  }

  public Verdict verdict(int i) {
    return verdicts[i];
  }

  /** 0..10; 0 when not fit. */
  public int score(int i) {
    return scores[i];
  }

  /**
   * The node's number in the snapshot that decided it ({@link Decider#nodeName(int)}), or -1 when
   * the snapshot has no such node or nothing numbered it.
   */
  public int slot(int i) {
    return slots[i];
  }
}
