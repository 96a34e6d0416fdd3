package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.model.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown capacity is never zero; operators choose between passing the node and holding back. */
class UnknownCapacityTest {
  private final ClusterSnapshot snapshot =
      snapshot().withoutVSwitch(VSW_H).node(node("n-h")).build();

  @Test
  void failOpenPassesTheNodeWithANote() {
    NodeDecision n = decide(DecisionOptions.UnknownCapacity.ALLOW);
    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(n)).containsExactly(ReasonId.CAPACITY_UNKNOWN);
  }

  @Test
  void failClosedHoldsThePodBackAndSaysWhy() {
    NodeDecision n = decide(DecisionOptions.UnknownCapacity.REJECT);
    assertThat(n.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(reasonIds(n)).containsExactly(ReasonId.CAPACITY_UNVERIFIED);
    assertThat(n.verdict().reasons().get(0).detail()).containsKey("zone");
  }

  private NodeDecision decide(DecisionOptions.UnknownCapacity unknown) {
    Decider d = new Decider(snapshot, new DecisionOptions(ScoringStrategy.SPREAD, unknown), null);
    return d.decide(pod("p").build(), List.of("n-h"), Purpose.EXPLAIN).nodes().get(0);
  }
}
