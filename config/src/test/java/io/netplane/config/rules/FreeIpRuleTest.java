package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podEni;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.fixtures.PodBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.kube.EniConfigs;
import io.netplane.config.model.SelectionPolicy;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN 2.3 Free IPs and 2.5 in-flight reservations. */
class FreeIpRuleTest {

  static PodBuilder web(String name) {
    return pod(name).label("app", "web").deployment();
  }

  @Nested
  class PodNetworkingPods {
    /**
     * Trunk cluster, trunk nodes in h and i; pn-web draws from vsw-h then vsw-h2 (both zone h) and
     * vsw-i.
     */
    SnapshotBuilder cluster() {
      return snapshot()
          .trunking(true)
          .vSwitch("vsw-h2", ZONE_H, 0)
          .node(node("n-h").trunk(), node("n-h2").trunk(), node("n-i").zone(ZONE_I).trunk())
          .podNetworking(
              podNetworking("pn-web").vSwitches(VSW_H, "vsw-h2", VSW_I).selectPods("app", "web"));
    }

    @Test
    void zoneWhoseVSwitchesAreAllExhaustedIsUnschedulable() {
      Decision d = cluster().freeIps(VSW_H, 0).decider().decideAll(web("w").build());

      NodeDecision h = on(d, "n-h");
      assertThat(h.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(rejections(h)).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(reason(h, ReasonId.VSWITCHES_EXHAUSTED).detail())
          .containsEntry("zone", ZONE_H)
          .containsEntry("network", "pn-web");
      assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void oneVSwitchWithRoomInTheZoneIsEnough() {
      Decision d =
          cluster().freeIps(VSW_H, 0).freeIps("vsw-h2", 1).decider().decideAll(web("w").build());

      assertThat(on(d, "n-h").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void unknownCapacityPassesWithANote() {
      Decider decider =
          cluster()
              .withoutVSwitch(VSW_H)
              .withoutVSwitch("vsw-h2")
              .podNetworking(
                  podNetworking("pn-web")
                      .vSwitches(VSW_H, VSW_I)
                      .statusVSwitch(VSW_H, ZONE_H)
                      .statusVSwitch(VSW_I, ZONE_I)
                      .selectPods("app", "web"))
              .decider();

      Decision d = decider.decideAll(web("w").build());

      NodeDecision h = on(d, "n-h");
      assertThat(h.verdict().code()).isEqualTo(Code.FIT);
      assertThat(reasonIds(h)).contains(ReasonId.CAPACITY_UNKNOWN);
      assertThat(reason(h, ReasonId.CAPACITY_UNKNOWN).detail()).containsKey("vSwitchIds");
      assertThat(reasonIds(on(d, "n-i"))).doesNotContain(ReasonId.CAPACITY_UNKNOWN);
    }

    @Test
    void podsBoundWithoutAnIpReserveFreeIps() {
      // vsw-h has 2 free IPs; two pods were bound in zone h and wait for their IPs
      Decider decider =
          cluster()
              .freeIps(VSW_H, 2)
              .pod(web("w-1").boundTo("n-h"), web("w-2").boundTo("n-h2"))
              .decider();

      Decision d = decider.decideAll(web("w-3").build());

      assertThat(decider.reservations()).containsEntry(VSW_H, 2L);
      assertThat(rejections(on(d, "n-h"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(rejections(on(d, "n-h2"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void moreInFlightPodsThanFreeIpsAllShowInTheLedger() {
      // an overshoot (e.g. from a second scheduler) must be visible, not capped at the free count
      Decider decider =
          cluster()
              .freeIps(VSW_H, 2)
              .pod(web("w-1").boundTo("n-h"), web("w-2").boundTo("n-h"), web("w-3").boundTo("n-h2"))
              .decider();

      assertThat(decider.reservations()).containsEntry(VSW_H, 3L);
      assertThat(rejections(on(decider.decideAll(web("w-4").build()), "n-h")))
          .containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    }

    @Test
    void fewerInFlightPodsThanFreeIpsLeaveRoom() {
      Decision d =
          cluster()
              .freeIps(VSW_H, 2)
              .pod(web("w-1").boundTo("n-h"))
              .decider()
              .decideAll(web("w-3").build());

      assertThat(on(d, "n-h").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void podsHoldingTheirIpOrFinishedReserveNothing() {
      Decider decider =
          cluster()
              .freeIps(VSW_H, 2)
              .pod(
                  web("w-1").runningOn("n-h"),
                  web("w-2").runningOn("n-h"),
                  web("w-3").boundTo("n-h").finished())
              .decider();

      assertThat(decider.reservations()).doesNotContainKey(VSW_H);
      assertThat(on(decider.decideAll(web("w-4").build()), "n-h").verdict().code())
          .isEqualTo(Code.FIT);
    }

    @Test
    void inFlightPodsReserveInTheirOwnZoneOnly() {
      Decider decider =
          cluster()
              .freeIps(VSW_I, 1)
              .pod(web("w-1").boundTo("n-h"), web("w-2").boundTo("n-h"))
              .decider();

      assertThat(decider.reservations()).containsEntry(VSW_H, 2L).doesNotContainKey(VSW_I);
      assertThat(on(decider.decideAll(web("w-3").build()), "n-i").verdict().code())
          .isEqualTo(Code.FIT);
    }

    @Test
    void unmanagedPinnedAndStrandedPodsReserveNothing() {
      Decider decider =
          cluster()
              .freeIps(VSW_I, 1)
              .podNetworking(
                  podNetworking("pn-db").fixed().vSwitches(VSW_H, VSW_I).selectPods("app", "db"))
              .podEni(podEni("default", "db-0").zone(ZONE_H))
              .node(node("n-missing-override").terwayConfig("eni-config-gone").trunk())
              .pod(
                  web("host").hostNetwork().boundTo("n-h"),
                  web("ignored").ignoredByTerway().boundTo("n-h"),
                  pod("db-0").label("app", "db").statefulSet().boundTo("n-h"),
                  pod("plain").deployment().boundTo("n-missing-override"),
                  web("ghost-node").boundTo("n-unknown"))
              .decider();

      assertThat(decider.reservations()).isEmpty();
    }

    @Test
    void everyNetworkOfAnInFlightPodReserves() {
      Decider decider =
          cluster()
              .podNetworking(podNetworking("pn-i").vSwitches(VSW_I).selectPods("app", "never"))
              .pod(
                  pod("multi")
                      .podNetworks(
                          io.netplane.config.fixtures.Fixtures.networkSpec(VSW_H),
                          io.netplane.config.fixtures.Fixtures.networkSpec(VSW_H, "vsw-h2"))
                      .boundTo("n-h"))
              .decider();

      assertThat(decider.reservations()).containsEntry(VSW_H, 2L);
    }

    @Test
    void orderedPolicyReservesTheFirstVSwitchWithRoom() {
      Decider decider =
          cluster()
              .freeIps(VSW_H, 1)
              .freeIps("vsw-h2", 50)
              .pod(web("w-1").boundTo("n-h"), web("w-2").boundTo("n-h"))
              .decider();

      assertThat(decider.reservations()).containsEntry(VSW_H, 1L).containsEntry("vsw-h2", 1L);
    }

    @Test
    void pinnedFixedIpPodSkipsTheRule() {
      SnapshotBuilder s =
          cluster()
              .freeIps(VSW_I, 0)
              .podNetworking(
                  podNetworking("pn-db").fixed().vSwitches(VSW_H, VSW_I).selectPods("app", "db"));
      PodBuilder db = pod("db-0").label("app", "db").statefulSet();

      Decision pinned =
          s.podEni(podEni("default", "db-0").zone(ZONE_I)).decider().decideAll(db.build());
      Decision unpinned =
          cluster()
              .freeIps(VSW_I, 0)
              .podNetworking(
                  podNetworking("pn-db").fixed().vSwitches(VSW_H, VSW_I).selectPods("app", "db"))
              .decider()
              .decideAll(db.build());

      assertThat(on(pinned, "n-i").verdict().code()).isEqualTo(Code.FIT);
      assertThat(rejections(on(unpinned, "n-i"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    }

    @Test
    void podNetworkingPodIgnoresTheNodesOverride() {
      Decision d =
          cluster()
              .vSwitch("vsw-pool", ZONE_H, 0)
              .override("eni-config-pool", c -> c.vSwitches(ZONE_H, "vsw-pool"))
              .node(node("n-pool").terwayConfig("eni-config-pool").trunk())
              .decider()
              .decideAll(web("w").build());

      assertThat(on(d, "n-pool").verdict().code()).isEqualTo(Code.FIT);
    }
  }

  @Nested
  class DefaultNetworkPods {
    SnapshotBuilder cluster() {
      return snapshot()
          .vSwitch("vsw-pool", ZONE_H, 100)
          .override("eni-config-pool", c -> c.vSwitches(ZONE_H, "vsw-pool"))
          .node(
              node("n-plain").maxAvailableIp(50),
              node("n-pool").terwayConfig("eni-config-pool").maxAvailableIp(50),
              node("n-pool-i").zone(ZONE_I).terwayConfig("eni-config-pool").maxAvailableIp(50));
    }

    @Test
    void nodeUsesItsOverridesVSwitches() {
      Decision poolExhausted =
          cluster().freeIps("vsw-pool", 0).decider().decideAll(pod("p").build());
      Decision baseExhausted = cluster().freeIps(VSW_H, 0).decider().decideAll(pod("p").build());

      assertThat(rejections(on(poolExhausted, "n-pool")))
          .containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(on(poolExhausted, "n-plain").verdict().code()).isEqualTo(Code.FIT);
      assertThat(on(baseExhausted, "n-pool").verdict().code()).isEqualTo(Code.FIT);
      assertThat(rejections(on(baseExhausted, "n-plain")))
          .containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    }

    @Test
    void overrideMergedAsJsonMergePatchKeepsTheBaseVSwitchesOfOtherZones() {
      JsonNode base =
          EniConfigs.parse(
              "eni-config",
              "{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-h\"],\"cn-hangzhou-i\":[\"vsw-i\"]},"
                  + "\"vswitch_selection_policy\":\"ordered\"}");
      JsonNode override =
          EniConfigs.parse("eni-config-pool", "{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-pool\"]}}");
      SnapshotBuilder s =
          snapshot()
              .vSwitch("vsw-pool", ZONE_H, 0)
              .overrideConfig(EniConfigs.merged(base, "eni-config-pool", override))
              .node(
                  node("n-pool").terwayConfig("eni-config-pool").maxAvailableIp(50),
                  node("n-pool-i").zone(ZONE_I).terwayConfig("eni-config-pool").maxAvailableIp(50));

      Decision zoneI = s.freeIps(VSW_I, 0).decider().decideAll(pod("p").build());
      Decision zoneIRoom = s.freeIps(VSW_I, 10).decider().decideAll(pod("p").build());

      assertThat(rejections(on(zoneI, "n-pool"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(rejections(on(zoneI, "n-pool-i"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(on(zoneIRoom, "n-pool-i").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void inFlightDefaultNetworkPodsExhaustTheZone() {
      Decider decider =
          cluster()
              .freeIps(VSW_H, 2)
              .pod(
                  pod("a").deployment().boundTo("n-plain"),
                  pod("b").deployment().boundTo("n-plain"))
              .decider();

      Decision d = decider.decideAll(pod("c").build());

      assertThat(decider.reservations()).containsEntry(VSW_H, 2L);
      assertThat(rejections(on(d, "n-plain"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(on(d, "n-pool").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void inFlightDefaultNetworkPodReservesFromItsNodesOverride() {
      Decider decider =
          cluster()
              .freeIps(VSW_H, 1)
              .freeIps("vsw-pool", 1)
              .pod(pod("a").deployment().boundTo("n-pool"))
              .decider();

      Decision d = decider.decideAll(pod("b").build());

      assertThat(decider.reservations()).containsEntry("vsw-pool", 1L).doesNotContainKey(VSW_H);
      assertThat(rejections(on(d, "n-pool"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(on(d, "n-plain").verdict().code()).isEqualTo(Code.FIT);
    }

    @Test
    void mostPolicyReservesTheFullestVSwitch() {
      Decider decider =
          cluster()
              .base(c -> c.policy(SelectionPolicy.MOST).vSwitches(ZONE_H, VSW_H, "vsw-h-big"))
              .vSwitch("vsw-h-big", ZONE_H, 500)
              .pod(pod("a").deployment().boundTo("n-plain"))
              .decider();

      assertThat(decider.reservations()).containsEntry("vsw-h-big", 1L).doesNotContainKey(VSW_H);
    }

    @Test
    void zoneWithoutEniConfigEntryIsUnknownNotExhausted() {
      Decision d =
          cluster()
              .node(node("n-j").zone("cn-hangzhou-j").maxAvailableIp(50))
              .decider()
              .decideAll(pod("p").build());

      NodeDecision j = on(d, "n-j");
      assertThat(j.verdict().code()).isEqualTo(Code.FIT);
      assertThat(reasonIds(j)).contains(ReasonId.CAPACITY_UNKNOWN);
    }
  }

  /** Several selection policies reserve where Terway's next allocation most likely lands. */
  static Stream<SelectionPolicy> policies() {
    return Stream.of(SelectionPolicy.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void asManyInFlightPodsAsFreeIpsExhaustAZoneWhateverThePolicy(SelectionPolicy policy) {
    SnapshotBuilder s =
        snapshot()
            .trunking(true)
            .vSwitch("vsw-h2", ZONE_H, 3)
            .freeIps(VSW_H, 2)
            .node(node("n-h").trunk().memberEni(100))
            .podNetworking(
                podNetworking("pn-web")
                    .vSwitches(VSW_H, "vsw-h2")
                    .policy(policy)
                    .selectPods("app", "web"));
    IntStream.range(0, 5).forEach(i -> s.pod(web("w-" + i).boundTo("n-h")));

    Decider decider = s.decider();

    assertThat(decider.reservations().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(5);
    assertThat(rejections(on(decider.decideAll(web("next").build()), "n-h")))
        .containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
  }
}
