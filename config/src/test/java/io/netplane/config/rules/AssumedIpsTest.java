package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podEni;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.model.PodView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IPs held for pods that passed the filter but are not bound in the snapshot yet (DESIGN 2.5). */
class AssumedIpsTest {
  private final Decider decider =
      snapshot().freeIps(VSW_H, 2).node(node("n-h"), node("n-i").zone(ZONE_I)).decider();
  private final List<String> nodes = List.of("n-h", "n-i");

  @Test
  void aFilterClaimsTheVSwitchTerwayWouldPickOnEachFitZone() {
    Decision d = decider.decide(pod("a").build(), nodes, Purpose.FILTER);
    assertThat(d.claims()).containsExactlyInAnyOrder(VSW_H, VSW_I);
  }

  @Test
  void otherPodsAssumedIpsExhaustTheVSwitch() {
    PodView b = pod("b").build();
    assertThat(
            on(decider.decide(b, nodes, Purpose.FILTER, Map.of(VSW_H, 1L)), "n-h").verdict().fits())
        .isTrue();

    Decision full = decider.decide(b, nodes, Purpose.FILTER, Map.of(VSW_H, 2L));
    assertThat(reasonIds(on(full, "n-h"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    assertThat(on(full, "n-i").verdict().fits()).isTrue();
    assertThat(full.claims()).containsExactly(VSW_I);
  }

  @Test
  void podNetworkingPodsClaimTheirNetworksVSwitch() {
    Decider pn =
        snapshot()
            .node(node("n-h").eniOnly())
            .podNetworking(podNetworking("pn").vSwitches(VSW_H).selectPods("app", "web"))
            .decider();
    Decision d = pn.decide(pod("w").label("app", "web").build(), List.of("n-h"), Purpose.FILTER);
    assertThat(d.claims()).containsExactly(VSW_H);
  }

  @Test
  void aPinnedFixedIpPodClaimsNothing() {
    PodView db = pod("db-0").statefulSet().label("app", "db").build();
    Decider fixed =
        snapshot()
            .node(node("n-h").eniOnly())
            .podNetworking(podNetworking("pn-db").vSwitches(VSW_H).fixed().selectPods("app", "db"))
            .podEni(podEni(db))
            .decider();
    Decision d = fixed.decide(db, List.of("n-h"), Purpose.FILTER);
    assertThat(d.nodes().get(0).verdict().fits()).isTrue();
    assertThat(d.claims()).isEmpty();
  }

  @Test
  void onlyFilterDecisionsClaim() {
    assertThat(decider.decide(pod("a").build(), nodes, Purpose.PRIORITIZE).claims()).isEmpty();
  }
}
