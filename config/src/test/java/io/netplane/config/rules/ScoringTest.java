package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN 2.4: integer scores 0..10, normalised over the request's candidate nodes. */
class ScoringTest {

  static int score(Decision d, String node) {
    return on(d, node).score();
  }

  static PodView web() {
    return pod("web-0").label("app", "web").deployment().build();
  }

  /** Trunk cluster, identical trunk nodes in h and i, so only the IP headroom differs. */
  static SnapshotBuilder twoZones(SelectionPolicy policy, String... vSwitches) {
    return snapshot()
        .trunking(true)
        .node(node("n-h").trunk(), node("n-i").zone(ZONE_I).trunk())
        .podNetworking(
            podNetworking("pn").vSwitches(vSwitches).policy(policy).selectPods("app", "web"));
  }

  @Test
  void nodesThatDoNotFitScore0AndScoresTellFitNodesApart() {
    ClusterSnapshot big = Fixtures.largeCluster(300, 40, 60, 3000, 7);
    Decider decider = new Decider(big, ScoringStrategy.SPREAD);
    List<PodView> pending =
        big.pods().stream().filter(p -> p.nodeName() == null && !p.finished()).limit(60).toList();
    assertThat(pending).hasSizeGreaterThan(20);

    List<Decider> deciders = List.of(decider, new Decider(big, ScoringStrategy.PACK));
    int fits = 0;
    java.util.Set<Integer> fitScores = new java.util.TreeSet<>();
    for (PodView p : pending) {
      for (Decider each : deciders) {
        Decision d = each.decideAll(p);
        for (NodeDecision n : d.nodes()) {
          if (!n.verdict().fits()) {
            assertThat(n.score()).as("%s on %s", p.key(), n.node()).isZero();
          } else {
            fits++;
            fitScores.add(n.score());
          }
        }
      }
    }
    assertThat(fits).isPositive();
    assertThat(fitScores).as("scores tell fit nodes apart").hasSizeGreaterThan(2);
    assertThat(decider.decideAll(pending.get(0)).nodes()).hasSize(300);
  }

  @Test
  void nodeBestOnBothSignalsScores10() {
    Decision d =
        snapshot()
            .freeIps(VSW_I, 50)
            .node(node("n-a").maxAvailableIp(20), node("n-b").zone(ZONE_I).maxAvailableIp(10))
            .decider()
            .decideAll(pod("p").build());

    assertThat(score(d, "n-a")).isEqualTo(10);
    assertThat(score(d, "n-b")).isBetween(1, 9);
  }

  @Test
  void nodeThatDoesNotFitScores0EvenWithTheMostRoom() {
    Decision d =
        snapshot()
            .node(
                node("n-a").maxAvailableIp(20), node("n-full").maxAvailableIp(40).insufficientIp())
            .decider()
            .decideAll(pod("p").build());

    assertThat(on(d, "n-full").verdict().fits()).isFalse();
    assertThat(score(d, "n-full")).isZero();
    assertThat(score(d, "n-a")).isEqualTo(10);
  }

  @Test
  void identicalNodesScoreTheSame() {
    Decision d =
        snapshot()
            .node(node("n-1"), node("n-2"), node("n-3"))
            .decider()
            .decideAll(pod("p").build());

    assertThat(d.nodes()).extracting(NodeDecision::score).containsOnly(score(d, "n-1"));
  }

  @Test
  void orderedPrefersTheZoneOfTheEarlierListedVSwitch() {
    Decision iFirst = twoZones(SelectionPolicy.ORDERED, VSW_I, VSW_H).decider().decideAll(web());
    Decision hFirst = twoZones(SelectionPolicy.ORDERED, VSW_H, VSW_I).decider().decideAll(web());

    assertThat(score(iFirst, "n-i")).isGreaterThan(score(iFirst, "n-h"));
    assertThat(score(hFirst, "n-h")).isGreaterThan(score(hFirst, "n-i"));
  }

  @Test
  void orderedSkipsEarlierVSwitchesWithoutRoom() {
    Decision d =
        twoZones(SelectionPolicy.ORDERED, VSW_H, VSW_I, "vsw-h2")
            .freeIps(VSW_H, 0)
            .vSwitch("vsw-h2", ZONE_H, 500)
            .decider()
            .decideAll(web());

    assertThat(on(d, "n-h").verdict().fits()).isTrue();
    assertThat(score(d, "n-i")).isGreaterThan(score(d, "n-h"));
  }

  @Test
  void mostPrefersTheZoneWithTheFullestVSwitchWhileRandomLooksAtTheTotal() {
    // zone h: two vSwitches of 60 (total 120); zone i: one of 100
    Decision most =
        twoZones(SelectionPolicy.MOST, VSW_H, "vsw-h2", VSW_I)
            .freeIps(VSW_H, 60)
            .vSwitch("vsw-h2", ZONE_H, 60)
            .freeIps(VSW_I, 100)
            .decider()
            .decideAll(web());
    Decision random =
        twoZones(SelectionPolicy.RANDOM, VSW_H, "vsw-h2", VSW_I)
            .freeIps(VSW_H, 60)
            .vSwitch("vsw-h2", ZONE_H, 60)
            .freeIps(VSW_I, 100)
            .decider()
            .decideAll(web());

    assertThat(score(most, "n-i")).isGreaterThan(score(most, "n-h"));
    assertThat(score(random, "n-h")).isGreaterThan(score(random, "n-i"));
  }

  @ParameterizedTest(name = "default network with eni-config policy {0}")
  @EnumSource(
      value = SelectionPolicy.class,
      names = {"MOST", "RANDOM"})
  void defaultNetworkFollowsTheEniConfigPolicy(SelectionPolicy policy) {
    Decision d =
        snapshot()
            .base(c -> c.policy(policy).vSwitches(ZONE_H, VSW_H, "vsw-h2").vSwitches(ZONE_I, VSW_I))
            .freeIps(VSW_H, 60)
            .vSwitch("vsw-h2", ZONE_H, 60)
            .freeIps(VSW_I, 100)
            .node(node("n-h").maxAvailableIp(30), node("n-i").zone(ZONE_I).maxAvailableIp(30))
            .decider()
            .decideAll(pod("p").build());

    if (policy == SelectionPolicy.MOST) {
      assertThat(score(d, "n-i")).isGreaterThan(score(d, "n-h"));
    } else {
      assertThat(score(d, "n-h")).isGreaterThan(score(d, "n-i"));
    }
  }

  @Test
  void spreadPrefersMoreFreeSlotsAndPackPrefersFewer() {
    SnapshotBuilder s =
        snapshot()
            .trunking(true)
            .node(node("n-roomy").trunk().memberEni(8), node("n-tight").trunk().memberEni(2))
            .podNetworking(podNetworking("pn").selectPods("app", "web"));

    Decision spread = s.decider(ScoringStrategy.SPREAD).decideAll(web());
    Decision pack = s.decider(ScoringStrategy.PACK).decideAll(web());

    assertThat(score(spread, "n-roomy")).isGreaterThan(score(spread, "n-tight"));
    assertThat(score(pack, "n-tight")).isGreaterThan(score(pack, "n-roomy"));
  }

  @Test
  void unknownCapacityIsNotScoredAsEmpty() {
    Decision d =
        snapshot()
            .node(node("n-h").maxAvailableIp(30), node("n-j").zone(ZONE_J).maxAvailableIp(30))
            .decider()
            .decideAll(pod("p").build());

    assertThat(on(d, "n-j").verdict().fits()).isTrue();
    assertThat(score(d, "n-j")).isPositive();
  }

  @Test
  void unmanagedPodsScore0Everywhere() {
    Decision d =
        snapshot()
            .node(node("n-1"), node("n-2").zone(ZONE_I))
            .decider()
            .decideAll(pod("h").hostNetwork().build());

    assertThat(d.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.verdict().fits()).isTrue();
              assertThat(n.score()).isZero();
            });
  }

  @Test
  void scoresAreNormalisedOverTheCandidatesOfTheRequest() {
    Decider decider =
        snapshot()
            .freeIps(VSW_I, 50)
            .node(node("n-a").maxAvailableIp(20), node("n-b").zone(ZONE_I).maxAvailableIp(10))
            .decider();

    Decision alone = decider.decide(pod("p").build(), List.of("n-b"), Purpose.PRIORITIZE);

    assertThat(alone.nodes().get(0).score()).isEqualTo(10);
  }
}
