package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.networkSpec;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN 2.3 Zone: the node's zone must be one of the network's zones. */
class ZoneRuleTest {
  /** A trunk cluster of trunk nodes, so that only zones decide. */
  static SnapshotBuilder cluster() {
    return snapshot()
        .trunking(true)
        .node(
            node("n-h").trunk(),
            node("n-i").zone(ZONE_I).trunk(),
            node("n-nozone").noZone().trunk())
        .podNetworking(podNetworking("pn-i").vSwitches(VSW_I).selectPods("app", "web"));
  }

  @Test
  void nodeOutsideTheNetworksZonesIsUnresolvable() {
    Decision d = cluster().decider().decideAll(pod("web-0").label("app", "web").build());

    NodeDecision h = on(d, "n-h");
    assertThat(h.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
    assertThat(reasonIds(h)).containsExactly(ReasonId.ZONE_MISMATCH);
    assertThat(reason(h, ReasonId.ZONE_MISMATCH).detail())
        .containsEntry("zone", ZONE_H)
        .containsEntry("allowedZones", Set.of(ZONE_I));
    assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
    assertThat(d.allowedZones()).containsExactly(ZONE_I);
  }

  @Test
  void nodeWithoutZoneLabelIsUnresolvable() {
    Decision d = cluster().decider().decideAll(pod("web-0").label("app", "web").build());

    NodeDecision n = on(d, "n-nozone");
    assertThat(n.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
    assertThat(reasonIds(n)).contains(ReasonId.NODE_ZONE_UNKNOWN);
  }

  @Test
  void daemonSetPodIsNeverRejectedForZonesButExplainNotesTheRisk() {
    Decider decider = cluster().decider();
    var ds = pod("agent-x").label("app", "web").daemonSet().build();

    Decision explain = decider.decideAll(ds);
    Decision filter = decider.decide(ds, List.of("n-h", "n-nozone", "n-i"), Purpose.FILTER);

    assertThat(explain.nodes()).allSatisfy(n -> assertThat(n.verdict().code()).isEqualTo(Code.FIT));
    assertThat(reasonIds(on(explain, "n-h"))).contains(ReasonId.DAEMONSET_ZONE_RISK);
    assertThat(reasonIds(on(explain, "n-nozone"))).contains(ReasonId.DAEMONSET_ZONE_RISK);
    assertThat(reasonIds(on(explain, "n-i"))).doesNotContain(ReasonId.DAEMONSET_ZONE_RISK);
    assertThat(filter.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.verdict().code()).isEqualTo(Code.FIT);
              assertThat(n.verdict().reasons()).isEmpty();
            });
  }

  @Test
  void daemonSetPodRequestingNetworksWithNoCommonZoneIsNotRejected() {
    Decider decider =
        cluster()
            .podNetworking(
                podNetworking("req-h").vSwitches(VSW_H), podNetworking("req-i").vSwitches(VSW_I))
            .decider();
    var ds = pod("agent-y").daemonSet().podNetworksRequest("req-h", "req-i").build();
    var plain = pod("job-y").podNetworksRequest("req-h", "req-i").build();

    Decision d = decider.decideAll(ds);

    assertThat(d.resolution().kind()).isEqualTo(Resolution.Kind.POD_NETWORKS_REQUEST);
    assertThat(d.nodes()).allSatisfy(n -> assertThat(n.verdict().code()).isEqualTo(Code.FIT));
    assertThat(reasonIds(on(d, "n-h"))).contains(ReasonId.DAEMONSET_ZONE_RISK);
    assertThat(decider.decideAll(plain).resolution().kind()).isEqualTo(Resolution.Kind.INVALID);
  }

  @Test
  void vSwitchOfUnknownZoneIsANoteNotARejection() {
    Decider decider =
        cluster()
            .podNetworking(podNetworking("pn-i").vSwitches("vsw-unknown").selectPods("app", "web"))
            .decider();
    var p = pod("web-0").label("app", "web").build();

    Decision explain = decider.decideAll(p);

    assertThat(explain.allowedZones()).isNull();
    assertThat(explain.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.verdict().code()).isEqualTo(Code.FIT);
              assertThat(reasonIds(n)).contains(ReasonId.ZONE_UNKNOWN);
            });
    assertThat(reason(on(explain, "n-h"), ReasonId.ZONE_UNKNOWN).detail())
        .containsEntry("vSwitchIds", Set.of("vsw-unknown"));
    assertThat(decider.decide(p, List.of("n-h"), Purpose.FILTER).nodes().get(0).verdict().reasons())
        .isEmpty();
  }

  @Test
  void networkOfUnknownZoneDoesNotWidenTheZonesOfAKnownOne() {
    Decision d =
        cluster()
            .decider()
            .decideAll(
                pod("p").podNetworks(networkSpec(VSW_H), networkSpec("vsw-unknown")).build());

    assertThat(d.allowedZones()).containsExactly(ZONE_H);
    assertThat(reasonIds(on(d, "n-i"))).contains(ReasonId.ZONE_MISMATCH);
    assertThat(on(d, "n-h").verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(on(d, "n-h"))).contains(ReasonId.ZONE_UNKNOWN);
  }

  @Test
  void zonesOfSeveralExplicitNetworksIntersect() {
    Decision d =
        cluster()
            .decider()
            .decideAll(pod("p").podNetworks(networkSpec(VSW_H, VSW_I), networkSpec(VSW_I)).build());

    assertThat(reasonIds(on(d, "n-h"))).containsExactly(ReasonId.ZONE_MISMATCH);
    assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
  }

  @Test
  void defaultNetworkPodsAreNotFilteredByZone() {
    Decision d =
        snapshot()
            .node(node("n-j").zone(ZONE_J), node("n-nozone").noZone())
            .decider()
            .decideAll(pod("plain").build());

    assertThat(d.allowedZones()).isNull();
    assertThat(d.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.verdict().code()).isEqualTo(Code.FIT);
              assertThat(reasonIds(n))
                  .doesNotContain(ReasonId.ZONE_MISMATCH, ReasonId.NODE_ZONE_UNKNOWN);
            });
  }

  @Test
  void zoneFromStatusVSwitchesIsWhatTheNodeIsJudgedAgainst() {
    Decision d =
        cluster()
            .podNetworking(
                podNetworking("pn-i")
                    .vSwitches(VSW_H)
                    .statusVSwitch(VSW_H, ZONE_I)
                    .selectPods("app", "web"))
            .decider()
            .decideAll(pod("web-0").label("app", "web").build());

    assertThat(reasonIds(on(d, "n-h"))).contains(ReasonId.ZONE_MISMATCH);
    assertThat(reasonIds(on(d, "n-i"))).doesNotContain(ReasonId.ZONE_MISMATCH);
  }
}
