package io.netplane.config.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes refer to their verdict by its number among the request's distinct verdicts. */
class NodeVerdictsTest {
  private static final Verdict FULL =
      new Verdict(Code.UNSCHEDULABLE, List.of(Reason.of(ReasonId.VSWITCHES_EXHAUSTED, "x")));
  private static final Verdict FAR =
      new Verdict(Code.UNRESOLVABLE, List.of(Reason.of(ReasonId.ZONE_MISMATCH, "y")));

  @Test
  void nodesWithTheSameVerdictShareItsNumberInTheOrderVerdictsAreMet() {
    NodeVerdicts v =
        NodeVerdicts.of(
            List.of("a", "b", "c", "d", "e", "f"),
            List.of(FULL, Verdict.FIT, FULL, FAR, FAR, Verdict.FIT),
            new int[] {0, 7, 0, 0, 0, 3});

    assertThat(v.distinctCount()).isEqualTo(3);
    assertThat(List.of(v.distinctVerdict(0), v.distinctVerdict(1), v.distinctVerdict(2)))
        .containsExactly(FULL, Verdict.FIT, FAR);
    for (int i = 0; i < v.size(); i++) {
      assertThat(v.verdict(i)).isSameAs(v.distinctVerdict(v.verdictNumber(i)));
    }
    assertThat(v.verdictNumber(0)).isEqualTo(v.verdictNumber(2));
    assertThat(v.verdictNumber(3)).isEqualTo(v.verdictNumber(4)).isEqualTo(2);
    assertThat(v.score(1)).isEqualTo(7);
    assertThat(v.slot(0)).isEqualTo(-1);
  }

  @Test
  void namesVerdictsAndScoresMustBeAsManyAsEachOther() {
    assertThatThrownBy(() -> NodeVerdicts.of(List.of("a"), List.of(FULL, FAR), new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 names, 2 verdicts and 1 scores");
  }
}
