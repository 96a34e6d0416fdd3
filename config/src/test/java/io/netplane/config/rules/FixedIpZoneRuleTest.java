package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.NOW;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podEni;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.PodBuilder;
import io.netplane.config.fixtures.PodEniBuilder;
import io.netplane.config.fixtures.PodNetworkingBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN 2.3 Fixed IP zone: a live PodENI pins a fixed-IP pod to the zone its IP lives in. */
class FixedIpZoneRuleTest {
  static final Duration TTL = Duration.ofMinutes(10);

  /**
   * @param podEni customises the PodENI {@code default/db-0} in zone i; null for none
   */
  record Row(
      String name,
      UnaryOperator<PodEniBuilder> podEni,
      UnaryOperator<PodBuilder> pod,
      UnaryOperator<PodNetworkingBuilder> network,
      boolean pinned) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(String name, UnaryOperator<PodEniBuilder> eni, boolean pinned) {
    return new Row(name, eni, p -> p, n -> n, pinned);
  }

  static Stream<Row> rows() {
    return Stream.of(
        row("live PodENI released Never pins", e -> e, true),
        row(
            "Never pins however long ago the pod was seen",
            e -> e.never().podLastSeen(NOW.minus(Duration.ofDays(400))),
            true),
        row("PodENI being deleted does not pin", PodEniBuilder::deleting, false),
        row("PodENI without allocations does not pin", PodEniBuilder::noAllocations, false),
        row("no PodENI, no pin", null, false),
        row(
            "TTL not yet expired pins",
            e -> e.ttl(TTL).podLastSeen(NOW.minus(Duration.ofMinutes(5))),
            true),
        row(
            "TTL one second before expiry pins",
            e -> e.ttl(TTL).podLastSeen(NOW.minus(TTL).plusSeconds(1)),
            true),
        row(
            "TTL expiring exactly at the snapshot instant does not pin",
            e -> e.ttl(TTL).podLastSeen(NOW.minus(TTL)),
            false),
        row(
            "TTL expired does not pin",
            e -> e.ttl(TTL).podLastSeen(NOW.minus(Duration.ofMinutes(11))),
            false),
        new Row(
            "PodENI of another pod does not pin",
            e -> e,
            p -> pod("db-1").label("app", "db").statefulSet(),
            n -> n,
            false),
        new Row(
            "PodENI in another namespace does not pin",
            e -> e,
            p -> p.namespace("other"),
            n -> n,
            false),
        new Row(
            "Elastic network has no pin even with a PodENI",
            e -> e,
            p -> p,
            n -> n.allocation(io.netplane.config.model.Allocation.ELASTIC),
            false),
        new Row(
            "non-fixed-name pod has no pin even on a Fixed network",
            e -> e,
            p -> pod("db-0").deployment().podNetworking("pn-db"),
            n -> n,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void pinsTheNodeZoneToThePodEniZone(Row row) {
    SnapshotBuilder s =
        snapshot()
            .trunking(true)
            .namespace("other")
            .node(node("n-h").trunk(), node("n-i").zone(ZONE_I).trunk())
            .podNetworking(
                row.network.apply(
                    podNetworking("pn-db")
                        .fixed()
                        .vSwitches(VSW_H, VSW_I)
                        .selectPods("app", "db")));
    if (row.podEni != null) {
      s.podEni(row.podEni.apply(podEni("default", "db-0").zone(ZONE_I)));
    }
    PodBuilder p = row.pod.apply(pod("db-0").label("app", "db").statefulSet());

    Decision d = s.decider().decideAll(p.build());

    assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.FIT);
    if (row.pinned) {
      assertThat(d.pin()).isNotNull();
      NodeDecision h = on(d, "n-h");
      assertThat(h.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
      assertThat(reasonIds(h)).containsExactly(ReasonId.FIXED_IP_ZONE);
      assertThat(reason(h, ReasonId.FIXED_IP_ZONE).detail()).containsEntry("pinnedZone", ZONE_I);
    } else {
      assertThat(d.pin()).isNull();
      assertThat(on(d, "n-h").verdict().code()).isEqualTo(Code.FIT);
    }
  }
}
