package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Fixtures.DEFAULT_NAMESPACE;
import static io.netplane.config.fixtures.Fixtures.INSTANCE_TYPE;
import static io.netplane.config.fixtures.Fixtures.INSTANCE_TYPE_NO_TRUNK;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.VSW_J;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.networkSpec;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podEni;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.NetworkSpecBuilder;
import io.netplane.config.fixtures.NodeBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniType;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter decides each {@link NodeShape} once for all its nodes; explain decides every node on
 * its own. Both must say the same of every node.
 */
class ShapeSharingTest {
  private static final String[] ZONES = {ZONE_H, ZONE_I, ZONE_J, null};
  private static final String[] TYPES = {
    INSTANCE_TYPE, INSTANCE_TYPE_NO_TRUNK, "ecs.unknown.large", null
  };
  private static final String[] CONFIGS = {
    null, "eni-config-pool", "eni-config-no-trunk", "eni-config-missing", "eni-config-gone"
  };

  static Stream<Arguments> clusters() {
    return Stream.of(1L, 2L, 3L)
        .flatMap(
            seed ->
                Stream.of(DecisionOptions.UnknownCapacity.values())
                    .map(u -> Arguments.of(seed, u)));
  }

  @ParameterizedTest(name = "seed {0}, unknown capacity {1}")
  @MethodSource("clusters")
  void theFilterGivesEachNodeTheFirstRejectionItsOwnRulesGive(
      long seed, DecisionOptions.UnknownCapacity unknown) {
    ClusterSnapshot cluster = varied(new Random(seed));
    Decider decider =
        new Decider(cluster, new DecisionOptions(ScoringStrategy.SPREAD, unknown), null);
    List<String> nodes = new ArrayList<>(cluster.nodes().keySet());
    Collections.shuffle(nodes, new Random(seed));
    Map<ReasonId, Integer> seen = new EnumMap<>(ReasonId.class);
    for (PodView pod : cluster.pods()) {
      if (pod.nodeName() != null) {
        continue;
      }
      Decision filter = decider.decide(pod, nodes, Purpose.FILTER);
      Decision explain = decider.decide(pod, nodes, Purpose.EXPLAIN);
      Map<ReasonId, Integer> notes = new EnumMap<>(ReasonId.class);
      for (int i = 0; i < nodes.size(); i++) {
        Verdict expected = firstRejection(explain.verdict(i), notes);
        assertThat(filter.verdict(i).reasons())
            .as("%s on %s", pod.key(), nodes.get(i))
            .isEqualTo(expected.reasons());
        assertThat(filter.verdict(i).code()).isEqualTo(expected.code());
        expected.reasons().forEach(r -> seen.merge(r.id(), 1, Integer::sum));
      }
      assertThat(filter.notes()).as("notes of %s", pod.key()).isEqualTo(notes);
    }
    // the cluster is varied enough to reach every node rule
    assertThat(seen.keySet())
        .contains(
            ReasonId.ZONE_MISMATCH,
            ReasonId.NODE_ZONE_UNKNOWN,
            ReasonId.FIXED_IP_ZONE,
            ReasonId.VIRTUAL_NODE_FIXED_IP,
            ReasonId.OVERRIDE_CONFIG_MISSING,
            ReasonId.ENI_MODE_MISMATCH,
            ReasonId.TRUNK_NOT_ATTACHED,
            ReasonId.ENI_SLOTS_EXHAUSTED,
            ReasonId.NODE_INSUFFICIENT_IP,
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED,
            ReasonId.VSWITCHES_EXHAUSTED);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aScorerThatReadsTheSharedShapeOnlyScoresEveryNodeAsItsExactShape(long seed) {
    SnapshotIndex index = new SnapshotIndex(varied(new Random(seed)), null);
    NodeIndex nodes = index.nodes();
    int checked = 0;
    for (PodView pod : index.snapshot().pods()) {
      if (pod.nodeName() != null) {
        continue;
      }
      PodContext ctx = index.context(pod, index.resolver().resolve(pod), Map.of());
      for (Scorer scorer : Decider.SCORERS) {
        if (!scorer.readsSharedShapeOnly()) {
          continue;
        }
        for (int slot = 0; slot < nodes.size(); slot++) {
          double exact = scorer.raw(ctx, nodes.shape(slot));
          double shared = scorer.raw(ctx, nodes.sharedShape(nodes.shapeId(slot)));
          assertThat(Double.compare(shared, exact))
              .as(
                  "%s of %s on %s: %s shared, %s exact",
                  scorer.getClass().getSimpleName(), pod.key(), nodes.name(slot), shared, exact)
              .isZero();
          checked += Double.isNaN(exact) ? 0 : 1;
        }
      }
    }
    assertThat(checked).as("nodes with a known signal").isGreaterThan(100);
  }

  /**
   * Nodes drawn at random from every kind of fact a rule reads (zones, instance types, override
   * pools, ENI modes, slots and shared IPs nearly or fully used), and pending pods of every kind of
   * network.
   */
  private static ClusterSnapshot varied(Random random) {
    SnapshotBuilder cluster =
        snapshot()
            .trunking(true)
            .freeIps(VSW_J, 0)
            .override("eni-config-pool", c -> c.vSwitches(ZONE_H, VSW_I).vSwitches(ZONE_I, VSW_I))
            .override("eni-config-no-trunk", c -> c.trunking(false))
            .podNetworking(
                podNetworking("pn-trunk")
                    .vSwitches(VSW_H, VSW_I)
                    .eniType(EniType.TRUNK)
                    .selectPods("app", "trunk"),
                podNetworking("pn-eni")
                    .vSwitches(VSW_I, VSW_J)
                    .eniType(EniType.ENI)
                    .selectPods("app", "eni"),
                podNetworking("pn-fixed").vSwitches(VSW_H, VSW_I).fixed().selectPods("app", "db"));
    for (int n = 0; n < 300; n++) {
      String name = "node-" + n;
      NodeBuilder node =
          node(name)
              .zone(pick(random, ZONES))
              .instanceType(pick(random, TYPES))
              .terwayConfig(pick(random, CONFIGS));
      switch (random.nextInt(5)) {
        case 0 -> node.eniOnly().eni(random.nextBoolean() ? null : (long) random.nextInt(7));
        case 1, 2 ->
            node.trunk().memberEni(random.nextInt(8) == 0 ? null : (long) random.nextInt(8));
        default -> node.memberEni(random.nextInt(3) == 0 ? null : 30L);
      }
      if (random.nextInt(12) == 0) {
        node.virtual();
      }
      if (random.nextInt(10) == 0) {
        node.insufficientIp();
      }
      if (random.nextBoolean()) {
        node.maxAvailableIp(1 + random.nextInt(3));
      }
      cluster.node(node);
      for (int p = random.nextInt(5); p > 0; p--) {
        cluster.pod(pod(name + "-pod-" + p).deployment().runningOn(name));
      }
    }
    cluster.pod(
        pod("web").deployment(),
        pod("ds").daemonSet().label("app", "trunk"),
        pod("trunk").deployment().label("app", "trunk"),
        pod("eni").deployment().label("app", "eni"),
        pod("db-0").statefulSet().label("app", "db"),
        pod("db-1").statefulSet().label("app", "db"));
    cluster.podEni(podEni(DEFAULT_NAMESPACE, "db-0").zone(ZONE_I));
    for (int networks = 1; networks <= NodeShape.SLOTS_TOLD_APART + 2; networks++) {
      NetworkSpecBuilder[] specs = new NetworkSpecBuilder[networks];
      Arrays.fill(specs, networkSpec(networks % 2 == 0 ? VSW_H : VSW_J));
      cluster.pod(pod("multi-" + networks).deployment().podNetworks(specs));
    }
    return cluster.build();
  }

  private static <T> T pick(Random random, T[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** What the filter keeps of an explain verdict: the first rejection, the notes before it. */
  private static Verdict firstRejection(Verdict all, Map<ReasonId, Integer> notes) {
    if (all.code() == Code.UNRESOLVABLE && all.reasons().size() == 1) {
      return all; // the pod's network alone decided
    }
    for (Reason r : all.reasons()) {
      if (r.id().rejects()) {
        return new Verdict(r.id().code(), List.of(r));
      }
      notes.merge(r.id(), 1, Integer::sum);
    }
    return Verdict.FIT;
  }

  @Test
  void aPodNeedingMoreSlotsThanShapesTellApartIsDecidedNodeByNode() {
    int needed = NodeShape.SLOTS_TOLD_APART + 1;
    NetworkSpecBuilder[] networks = new NetworkSpecBuilder[needed];
    Arrays.fill(networks, networkSpec(VSW_H));
    Decider decider =
        snapshot()
            .trunking(true)
            .node(
                node("short").trunk().memberEni(needed - 1),
                node("enough").trunk().memberEni(needed),
                node("plenty").trunk().memberEni(30))
            .decider();
    PodView pod = pod("multi").deployment().podNetworks(networks).build();

    Decision d = decider.decide(pod, List.of("short", "enough", "plenty"), Purpose.FILTER);

    assertThat(reason(on(d, "short"), ReasonId.ENI_SLOTS_EXHAUSTED).detail())
        .containsEntry("free", (long) needed - 1)
        .containsEntry("needed", needed);
    assertThat(on(d, "enough").verdict().fits()).isTrue();
    assertThat(on(d, "plenty").verdict().fits()).isTrue();
  }
}
