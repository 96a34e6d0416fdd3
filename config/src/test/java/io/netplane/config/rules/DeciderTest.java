package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.VSW_J;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podEni;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.PodView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN 2 and 2.3: unknown nodes, exhaustive versus filter mode, verdict codes. */
class DeciderTest {
  /** Trunk cluster; pn-i draws from zone i only. */
  static SnapshotBuilder cluster() {
    return snapshot()
        .trunking(true)
        .node(
            node("n-h").trunk(),
            node("n-i").zone(ZONE_I).trunk(),
            node("n-j").zone(ZONE_J).trunk(),
            node("n-h-detached"),
            node("n-i-unadvertised").zone(ZONE_I).trunk().memberEni((Long) null))
        .podNetworking(
            podNetworking("pn-i").vSwitches(VSW_I).selectPods("app", "web"),
            podNetworking("pn-j").vSwitches(VSW_J).selectPods("app", "api"));
  }

  static PodView web() {
    return pod("web-0").label("app", "web").deployment().build();
  }

  @Test
  void unknownNodeNamesAreUnschedulableNeverDropped() {
    Decider decider = cluster().decider();

    for (Purpose purpose : Purpose.values()) {
      Decision d = decider.decide(web(), List.of("ghost", "n-i"), purpose);

      assertThat(d.nodes()).extracting(NodeDecision::node).containsExactly("ghost", "n-i");
      NodeDecision ghost = on(d, "ghost");
      assertThat(ghost.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(reasonIds(ghost)).containsExactly(ReasonId.NODE_UNKNOWN);
      assertThat(reason(ghost, ReasonId.NODE_UNKNOWN).detail()).containsEntry("node", "ghost");
      assertThat(ghost.score()).isZero();
      assertThat(ghost.zone()).isNull();
      assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
    }
  }

  @Test
  void nodesAreAnsweredInRequestOrder() {
    Decision d = cluster().decider().decide(web(), List.of("n-j", "n-h", "n-i"), Purpose.FILTER);

    assertThat(d.nodes()).extracting(NodeDecision::node).containsExactly("n-j", "n-h", "n-i");
    assertThat(d.nodes()).extracting(NodeDecision::zone).containsExactly(ZONE_J, ZONE_H, ZONE_I);
  }

  @Test
  void decideAllDecidesEveryNodeOfTheSnapshot() {
    Decision d = cluster().decider().decideAll(web());

    assertThat(d.nodes())
        .extracting(NodeDecision::node)
        .containsExactly("n-h", "n-i", "n-j", "n-h-detached", "n-i-unadvertised");
  }

  @Test
  void exhaustiveModeReportsEveryReasonAndTheWorstCode() {
    NodeDecision n = on(cluster().decider().decideAll(web()), "n-h-detached");

    assertThat(rejections(n))
        .containsExactlyInAnyOrder(ReasonId.ZONE_MISMATCH, ReasonId.TRUNK_NOT_ATTACHED);
    assertThat(n.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
  }

  @Test
  void filterModeReturnsExactlyTheFirstRejectingReason() {
    Decider decider = cluster().decider();
    NodeDecision explain = on(decider.decideAll(web()), "n-h-detached");

    NodeDecision filter =
        decider.decide(web(), List.of("n-h-detached"), Purpose.FILTER).nodes().get(0);

    assertThat(filter.verdict().reasons()).hasSize(1);
    assertThat(filter.verdict().reasons().get(0).id()).isEqualTo(rejections(explain).get(0));
    assertThat(filter.verdict().code()).isEqualTo(filter.verdict().reasons().get(0).id().code());
  }

  @Test
  void filterModeDropsNotes() {
    Decider decider = cluster().decider();

    NodeDecision explain = on(decider.decideAll(web()), "n-i-unadvertised");
    NodeDecision filter =
        decider.decide(web(), List.of("n-i-unadvertised"), Purpose.FILTER).nodes().get(0);

    assertThat(explain.verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(explain)).contains(ReasonId.CAPACITY_UNKNOWN);
    assertThat(filter.verdict().code()).isEqualTo(Code.FIT);
    assertThat(filter.verdict().reasons()).isEmpty();
  }

  @Test
  void rejectedNodeInFilterModeCarriesNoNoteEvenWhenANoteCameFirst() {
    Decider decider = cluster().freeIps(VSW_I, 0).decider();

    NodeDecision explain = on(decider.decideAll(web()), "n-i-unadvertised");
    NodeDecision filter =
        decider.decide(web(), List.of("n-i-unadvertised"), Purpose.FILTER).nodes().get(0);

    assertThat(reasonIds(explain))
        .containsExactly(ReasonId.CAPACITY_UNKNOWN, ReasonId.VSWITCHES_EXHAUSTED);
    assertThat(reasonIds(filter)).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    assertThat(filter.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
  }

  @Test
  void unmanagedPodFitsEveryKnownNodeWithScoreZero() {
    Decider decider = cluster().freeIps(VSW_H, 0).freeIps(VSW_I, 0).decider();

    for (PodView p :
        List.of(
            pod("host").label("app", "web").hostNetwork().build(),
            pod("ignored").label("app", "web").ignoredByTerway().build())) {
      Decision d = decider.decideAll(p);

      assertThat(d.resolution().kind()).isEqualTo(Resolution.Kind.UNMANAGED);
      assertThat(d.nodes())
          .allSatisfy(
              n -> {
                assertThat(n.verdict().code()).isEqualTo(Code.FIT);
                assertThat(n.score()).isZero();
              });
    }
  }

  @Test
  void reasonDetailsBelongToTheirNode() {
    Decision d = cluster().decider().decideAll(web());

    assertThat(reason(on(d, "n-h"), ReasonId.ZONE_MISMATCH).detail()).containsEntry("zone", ZONE_H);
    assertThat(reason(on(d, "n-j"), ReasonId.ZONE_MISMATCH).detail()).containsEntry("zone", ZONE_J);
  }

  @Test
  void eachExhaustedReasonNamesTheEniConfigOfItsNode() {
    Decision d =
        snapshot()
            .vSwitch("vsw-pool", ZONE_H, 0)
            .freeIps(VSW_H, 0)
            .override("eni-config-pool", c -> c.vSwitches(ZONE_H, "vsw-pool"))
            .node(
                node("n-base").maxAvailableIp(9),
                node("n-pool").terwayConfig("eni-config-pool").maxAvailableIp(9))
            .decider()
            .decideAll(pod("p").build());

    assertThat(reason(on(d, "n-base"), ReasonId.VSWITCHES_EXHAUSTED).detail())
        .containsEntry("network", "eni-config eni-config");
    assertThat(reason(on(d, "n-pool"), ReasonId.VSWITCHES_EXHAUSTED).detail())
        .containsEntry("network", "eni-config eni-config-pool");
  }

  @Test
  void eachPodOfTheSameDeciderGetsItsOwnReasons() {
    Decider decider = cluster().decider();

    Decision web = decider.decideAll(web());
    Decision api = decider.decideAll(pod("api-0").label("app", "api").build());

    assertThat(reason(on(web, "n-h"), ReasonId.ZONE_MISMATCH).detail())
        .containsEntry("allowedZones", Set.of(ZONE_I));
    assertThat(reason(on(api, "n-h"), ReasonId.ZONE_MISMATCH).detail())
        .containsEntry("allowedZones", Set.of(ZONE_J));
    assertThat(on(api, "n-j").verdict().code()).isEqualTo(Code.FIT);
    assertThat(decider.decideAll(web()).nodes()).isEqualTo(web.nodes());
  }

  @Test
  void fixedIpReasonNamesEachNodesZone() {
    Decision d =
        cluster()
            .podNetworking(
                podNetworking("pn-db")
                    .fixed()
                    .vSwitches(VSW_H, VSW_I, VSW_J)
                    .selectPods("app", "db"))
            .podEni(podEni("default", "db-0").zone(ZONE_I))
            .decider()
            .decideAll(pod("db-0").label("app", "db").statefulSet().build());

    assertThat(reason(on(d, "n-h"), ReasonId.FIXED_IP_ZONE).detail()).containsEntry("zone", ZONE_H);
    assertThat(reason(on(d, "n-j"), ReasonId.FIXED_IP_ZONE).detail()).containsEntry("zone", ZONE_J);
  }

  @Test
  void prioritizeGivesTheFilterVerdictsAndTheExplainScores() {
    Decider decider = cluster().decider();
    List<String> all = List.copyOf(decider.snapshot().nodes().keySet());

    Decision filter = decider.decide(web(), all, Purpose.FILTER);
    Decision prioritize = decider.decide(web(), all, Purpose.PRIORITIZE);
    Decision explain = decider.decide(web(), all, Purpose.EXPLAIN);

    assertThat(prioritize.nodes())
        .extracting(NodeDecision::verdict)
        .containsExactlyElementsOf(filter.nodes().stream().map(NodeDecision::verdict).toList());
    assertThat(prioritize.nodes())
        .extracting(NodeDecision::score)
        .containsExactlyElementsOf(explain.nodes().stream().map(NodeDecision::score).toList());
    assertThat(prioritize.nodes()).extracting(NodeDecision::score).contains(10);
    assertThat(explain.nodes())
        .extracting(n -> n.verdict().code())
        .containsExactlyElementsOf(filter.nodes().stream().map(n -> n.verdict().code()).toList());
  }

  @Test
  void bestIsTheHighestScoringFitNode() {
    Decision d = cluster().decider().decideAll(web());

    assertThat(d.fitCount()).isEqualTo(2);
    assertThat(d.best()).isPresent();
    assertThat(d.best().get().verdict().fits()).isTrue();
    assertThat(d.best().get().node()).isEqualTo("n-i");
  }

  @Test
  void aCordonedNodeIsNeverBestThoughNetplaneFitsIt() {
    Decision d =
        snapshot()
            .node(node("n-h-cordoned").cordoned(), node("n-h"))
            .decider()
            .decideAll(pod("p").build());

    assertThat(d.fitCount()).isEqualTo(2);
    assertThat(d.best()).map(NodeDecision::node).contains("n-h");
    assertThat(d.node(0)).isEqualTo("n-h-cordoned");
    assertThat(d.cordoned(0)).isTrue();
    assertThat(d.cordoned(1)).isFalse();
  }
}
