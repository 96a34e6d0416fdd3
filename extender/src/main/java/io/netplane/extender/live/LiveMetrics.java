package io.netplane.extender.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.VSwitchZones;
import io.netplane.extender.server.ExtenderMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gauges of a live cluster: how old its data is, how much it holds for bursts, whether it leads.
 */
public final class LiveMetrics {
  private static final String DATA_AGE =
      "How old the data may be: source=cluster is 0 while every watch is open, else the seconds since;"
          + " source=cloud the seconds since the last successful cloud refresh; NaN before the first";

  /** The zone label of a vSwitch whose zone neither the cloud nor a PodNetworking tells. */
  static final String UNKNOWN_ZONE = "unknown";

  private LiveMetrics() {}

  public static void bind(ExtenderMetrics metrics, LiveCluster live) {
    MeterRegistry registry = metrics.registry();
    Gauge.builder("netplane_snapshot_age_seconds", live, l -> seconds(l.snapshotAge()))
        .description("Age of the snapshot requests are decided on; NaN before the first")
        .register(registry);
    Gauge.builder("netplane_data_age_seconds", live, l -> seconds(l.clusterDataAge()))
        .tag("source", "cluster")
        .description(DATA_AGE)
        .register(registry);
    Gauge.builder("netplane_ip_holds", live, LiveCluster::holds)
        .description("Pods holding IPs they passed the filter for, not yet bound in a snapshot")
        .register(registry);
    Gauge.builder("netplane_pods_waiting_on_holds", live, LiveCluster::podsWaitingOnHolds)
        .description(
            "Pending pods rejected while IPs were held for other pods; retried when such a hold ends unbound")
        .register(registry);
    for (boolean ok : new boolean[] {true, false}) {
      FunctionCounter.builder("netplane_pod_retries", live, l -> l.podRetries(ok))
          .tag("result", ok ? "ok" : "error")
          .description(
              "Waiting pods marked (status condition netplane.io/IPHoldReleased) so kube-scheduler retries"
                  + " them after a hold ended without a binding")
          .register(registry);
    }
    Gauge.builder(
            "netplane_inflight_reservations",
            live,
            l ->
                l.current() == null
                    ? 0
                    : l.current().reservations().values().stream().mapToLong(Long::longValue).sum())
        .description("IPs reserved for pods bound but not yet holding their IP")
        .register(registry);
    MultiGauge reserved =
        MultiGauge.builder("netplane_vswitch_reserved_ips")
            .description(
                "IPs of a vSwitch counted as taken before the cloud shows them: held for pods that passed the"
                    + " filter (kind=held), or reserved for pods bound without an IP yet (kind=inflight)")
            .register(registry);
    MultiGauge free =
        MultiGauge.builder("netplane_vswitch_free_ips")
            .description(
                "Free IPs of each vSwitch the cluster references as the cloud last reported them"
                    + " (AvailableIpAddressCount, before holds and in-flight reservations); absent while"
                    + " unknown")
            .register(registry);
    MultiGauge unknown =
        MultiGauge.builder("netplane_vswitch_capacity_unknown")
            .description(
                "1 for each vSwitch the cluster references whose free IPs are unknown (missing from or too"
                    + " old in the cloud data): nodes are not rejected for its capacity")
            .register(registry);
    metrics.beforeScrape(
        () -> {
          Decider current = live.current();
          reserved.register(reservedRows(live.heldIps(), current), true);
          CapacityRows capacity = capacityRows(current, live.wanted().vSwitchIds());
          free.register(capacity.free(), true);
          unknown.register(capacity.unknown(), true);
        });
    CloudRefresher cloud = live.refresher();
    if (cloud != null) {
      Gauge.builder("netplane_data_age_seconds", cloud, c -> seconds(c.age()))
          .tag("source", "cloud")
          .description(DATA_AGE)
          .register(registry);
      FunctionCounter.builder("netplane_cloud_refresh_errors", cloud, CloudRefresher::errors)
          .description("Failed cloud refreshes")
          .register(registry);
    }
  }

  /** With {@code --leader-elect}: whether this replica is the one that decides. */
  public static void bind(ExtenderMetrics metrics, LeaderOnly gate) {
    Gauge.builder("netplane_extender_leader", gate, g -> g.leading() ? 1 : 0)
        .description(
            "1 while this replica leads and answers /filter, /prioritize and /preempt; 0 while it answers 503")
        .register(metrics.registry());
  }

  /**
   * IPs held (passed the filter) and in flight (bound, no IP yet) per vSwitch; only vSwitches with
   * some, so a vSwitch that is no longer used loses its series.
   */
  static List<MultiGauge.Row<?>> reservedRows(Map<String, Long> held, Decider current) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    VSwitchZones zones = current == null ? null : new VSwitchZones(current.snapshot());
    held.forEach((id, n) -> rows.add(MultiGauge.Row.of(vSwitchTags(id, zones, "held"), n)));
    if (current != null) {
      current
          .reservations()
          .forEach((id, n) -> rows.add(MultiGauge.Row.of(vSwitchTags(id, zones, "inflight"), n)));
    }
    return rows;
  }

  private static Tags vSwitchTags(String id, VSwitchZones zones, String kind) {
    String zone = zones == null ? null : zones.zoneOf(id);
    return Tags.of("vswitch", id, "zone", zone == null ? UNKNOWN_ZONE : zone, "kind", kind);
  }

  /**
   * @param free the cloud's free-IP count of each referenced vSwitch whose count is known
   * @param unknown 1 for each referenced vSwitch whose count is not
   */
  record CapacityRows(List<MultiGauge.Row<?>> free, List<MultiGauge.Row<?>> unknown) {}

  /**
   * The referenced vSwitches split by whether the cloud's count of their free IPs is known, both
   * from one snapshot: a vSwitch no longer referenced loses its series in both, and one gone from
   * the cloud or whose data turned stale moves from the first to the second. Empty before the first
   * snapshot.
   */
  static CapacityRows capacityRows(Decider current, Set<String> referenced) {
    List<MultiGauge.Row<?>> free = new ArrayList<>();
    List<MultiGauge.Row<?>> unknown = new ArrayList<>();
    if (current != null) {
      Map<String, VSwitch> known = current.snapshot().vSwitches();
      for (String id : referenced) {
        VSwitch v = known.get(id);
        if (v != null && v.availableIps() != null) {
          String zone = v.zone() == null ? UNKNOWN_ZONE : v.zone();
          free.add(MultiGauge.Row.of(Tags.of("vswitch", id, "zone", zone), v.availableIps()));
        } else {
          unknown.add(MultiGauge.Row.of(Tags.of("vswitch", id), 1));
        }
      }
    }
    return new CapacityRows(free, unknown);
  }

  private static double seconds(Duration d) {
    return d == null ? Double.NaN : d.toMillis() / 1000.0;
  }
}
