package io.netplane.config.rules;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict and score of each node of a request, by position, kept as arrays: what a wire answer
 * is made of, read without an object per node. A request's thousands of nodes share a few verdicts,
 * so each node holds the number of its verdict among the request's distinct ones ({@link
 * #verdictNumber}): whatever is made of a verdict (its line on the wire, its count) is made once
 * per number. A final class, so that the loops reading it thousands of times a request make direct
 * calls.
 */
public final class NodeVerdicts {
  private final String[] names;
  private final Verdict[] distinct;
  private final int[] numbers;
  private final int[] scores;
  private final int[] slots;

  /** Arrays owned by the new instance from here on; {@code numbers} index {@code distinct}. */
  NodeVerdicts(String[] names, Verdict[] distinct, int[] numbers, int[] scores, int[] slots) {
    this.names = names;
    this.distinct = distinct;
    this.numbers = numbers;
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
    Numbering numbering = new Numbering();
    int[] numbers = new int[verdicts.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = numbering.of(verdicts.get(i));
    }
    int[] unnumbered = new int[names.size()];
    Arrays.fill(unnumbered, -1);
    return new NodeVerdicts(
        names.toArray(new String[0]), numbering.verdicts(), numbers, scores.clone(), unnumbered);
  }

  /** Per-node decisions as verdicts by position, numbered by no snapshot. */
  public static NodeVerdicts of(List<NodeDecision> nodes) {
    return of(
        nodes.stream().map(NodeDecision::node).toList(),
        nodes.stream().map(NodeDecision::verdict).toList(),
        nodes.stream().mapToInt(NodeDecision::score).toArray());
  }

  public int size() {
    return numbers.length;
  }

  public String node(int i) {
    return names[i];
  }

  public Verdict verdict(int i) {
    return distinct[numbers[i]];
  }

  /** The number of the node's verdict: {@code verdict(i) == distinctVerdict(verdictNumber(i))}. */
  public int verdictNumber(int i) {
    return numbers[i];
  }

  /** How many distinct verdicts (by identity) the nodes got. */
  public int distinctCount() {
    return distinct.length;
  }

  /** The distinct verdict numbered {@code number}, in {@code [0, distinctCount())}. */
  public Verdict distinctVerdict(int number) {
    return distinct[number];
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

  /**
   * Numbers verdicts by identity in the order they are met. Nodes in a row often share a verdict
   * (every node, when the pod's network alone decides), so the last one is checked first.
   */
  static final class Numbering {
    private final Map<Verdict, Integer> numbers = new IdentityHashMap<>();
    private Verdict last;
    private int lastNumber;

    int of(Verdict v) {
      if (v != last) {
        Integer number = numbers.get(v);
        if (number == null) {
          number = numbers.size();
          numbers.put(v, number);
        }
        last = v;
        lastNumber = number;
      }
      return lastNumber;
    }

    Verdict[] verdicts() {
      Verdict[] out = new Verdict[numbers.size()];
      numbers.forEach((v, number) -> out[number] = v);
      return out;
    }
  }
}
