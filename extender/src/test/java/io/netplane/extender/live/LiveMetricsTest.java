package io.netplane.extender.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.ScoringStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-vSwitch rows, registered the way {@link LiveMetrics#bind} does on every scrape. */
class LiveMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static Decider decider(VSwitch... vSwitches) {
    return new Decider(
        ClusterSnapshot.of(
            Instant.EPOCH,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(vSwitches),
            List.of(),
            null,
            List.of()),
        ScoringStrategy.SPREAD);
  }

  private Double value(String name, String... tags) {
    var gauge = registry.find(name).tags(tags).gauge();
    return gauge == null ? null : gauge.value();
  }

  @Test
  void freeIpsAreTheCloudsCountsOfReferencedVSwitchesAndEndWithThem() {
    MultiGauge free = MultiGauge.builder("free").register(registry);
    Decider first =
        decider(
            new VSwitch("vsw-a", "zone-a", "10.0.0.0/24", "vpc", 7L),
            new VSwitch("vsw-b", "zone-b", "10.0.1.0/24", "vpc", 0L),
            new VSwitch("vsw-stale", "zone-b", "10.0.2.0/24", "vpc", null),
            new VSwitch("vsw-unused", "zone-b", "10.0.3.0/24", "vpc", 99L));
    free.register(
        LiveMetrics.capacityRows(first, Set.of("vsw-a", "vsw-b", "vsw-stale", "vsw-missing"))
            .free(),
        true);

    assertThat(value("free", "vswitch", "vsw-a", "zone", "zone-a")).isEqualTo(7.0);
    assertThat(value("free", "vswitch", "vsw-b", "zone", "zone-b")).isEqualTo(0.0);
    assertThat(registry.find("free").tag("vswitch", "vsw-stale").gauge()).as("unknown").isNull();
    assertThat(registry.find("free").tag("vswitch", "vsw-missing").gauge()).isNull();
    assertThat(registry.find("free").tag("vswitch", "vsw-unused").gauge()).isNull();

    free.register(LiveMetrics.capacityRows(decider(), Set.of("vsw-a", "vsw-b")).free(), true);
    assertThat(registry.find("free").gauges()).as("gone from the cloud").isEmpty();
    free.register(LiveMetrics.capacityRows(null, Set.of("vsw-a")).free(), true);
    assertThat(registry.find("free").gauges()).as("before the first snapshot").isEmpty();
  }

  @Test
  void referencedVSwitchesOfUnknownCountAreMarkedOnceEach() {
    MultiGauge unknown = MultiGauge.builder("unknown").register(registry);
    Decider current =
        decider(
            new VSwitch("vsw-a", "zone-a", "10.0.0.0/24", "vpc", 7L),
            new VSwitch("vsw-stale", "zone-b", "10.0.2.0/24", "vpc", null));
    unknown.register(
        LiveMetrics.capacityRows(current, Set.of("vsw-a", "vsw-stale", "vsw-missing")).unknown(),
        true);

    assertThat(value("unknown", "vswitch", "vsw-stale")).isEqualTo(1.0);
    assertThat(value("unknown", "vswitch", "vsw-missing")).isEqualTo(1.0);
    assertThat(registry.find("unknown").tag("vswitch", "vsw-a").gauge()).as("known").isNull();
  }

  @Test
  void holdsArePerVSwitchAndZoneAndEndWhenReleased() {
    MultiGauge reserved = MultiGauge.builder("reserved").register(registry);
    Decider current = decider(new VSwitch("vsw-a", "zone-a", "10.0.0.0/24", "vpc", 7L));
    reserved.register(
        LiveMetrics.reservedRows(Map.of("vsw-a", 2L, "vsw-nowhere", 1L), current), true);

    assertThat(value("reserved", "vswitch", "vsw-a", "zone", "zone-a", "kind", "held"))
        .isEqualTo(2.0);
    assertThat(value("reserved", "vswitch", "vsw-nowhere", "zone", "unknown", "kind", "held"))
        .isEqualTo(1.0);

    reserved.register(LiveMetrics.reservedRows(Map.of("vsw-a", 1L), current), true);
    assertThat(value("reserved", "vswitch", "vsw-a", "zone", "zone-a", "kind", "held"))
        .isEqualTo(1.0);
    assertThat(registry.find("reserved").tag("vswitch", "vsw-nowhere").gauge()).isNull();
  }
}
