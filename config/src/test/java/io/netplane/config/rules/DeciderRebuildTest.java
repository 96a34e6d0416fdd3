package io.netplane.config.rules;

import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A decider built from a previous one reuses resolutions only while their inputs are unchanged. */
class DeciderRebuildTest {
  private final List<PodView> pods =
      List.of(pod("web-1").labels("app", "web").runningOn("n1").build(), pod("web-2").labels("app", "web").runningOn("n1").build());

  @Test
  void aChangedPodNetworkingIsSeenByTheNextDecider() {
    ClusterSnapshot selected =
        snapshot().node(node("n1")).pods(pods).podNetworking(podNetworking("pn").vSwitches(VSW_H).selectPods("app", "web")).build();
    ClusterSnapshot unselected =
        snapshot().node(node("n1")).pods(pods).podNetworking(podNetworking("pn").vSwitches(VSW_H).selectPods("app", "db")).build();

    Decider first = new Decider(selected, ScoringStrategy.SPREAD);
    Decider next = new Decider(unselected, ScoringStrategy.SPREAD, first);

    assertThat(first.facts("n1").sharedUsed()).isZero();
    assertThat(next.facts("n1").sharedUsed()).isEqualTo(2);
  }

  @Test
  void unchangedInputsGiveTheSameDecisionsAsAFreshDecider() {
    ClusterSnapshot s =
        snapshot().node(node("n1"), node("n2")).pods(pods).podNetworking(podNetworking("pn").vSwitches(VSW_H).selectPods("app", "db")).build();
    Decider fresh = new Decider(s, ScoringStrategy.SPREAD);
    Decider reused = new Decider(s, ScoringStrategy.SPREAD, new Decider(s, ScoringStrategy.SPREAD));
    PodView pending = pod("web-3").labels("app", "web").build();

    assertThat(reused.decideAll(pending).nodes()).isEqualTo(fresh.decideAll(pending).nodes());
    assertThat(reused.facts("n1").sharedUsed()).isEqualTo(fresh.facts("n1").sharedUsed()).isEqualTo(2);
  }
}
