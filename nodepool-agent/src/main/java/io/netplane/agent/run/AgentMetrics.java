package io.netplane.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netplane.agent.model.ConditionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The controller's Prometheus metrics: {@code netplane_agent_reconcile_total{result}}, {@code
 * netplane_agent_reconcile_duration_seconds}, {@code netplane_agent_queue_depth}, {@code
 * netplane_agent_leader} (1 while this replica holds the lease) and {@code
 * netplane_agent_pool_condition{pool,type,status}} (the pools' status conditions as watched).
 */
final class AgentMetrics {
  private static final List<String> STATUSES = List.of("True", "False", "Unknown");
  private static final Set<String> TYPES =
      Arrays.stream(ConditionType.values()).map(ConditionType::value).collect(Collectors.toSet());

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Outcome, Counter> reconciles = new EnumMap<>(Outcome.class);
  private final Timer duration;
  private final Supplier<? extends Collection<JsonNode>> pools;
  private final MultiGauge conditions;

  /**
   * @param pools the FixedCidrPools as watched, read at each scrape for their conditions
   */
  AgentMetrics(
      IntSupplier queueDepth, IntSupplier leader, Supplier<? extends Collection<JsonNode>> pools) {
    this.pools = pools;
    for (Outcome o : Outcome.values()) {
      reconciles.put(
          o,
          Counter.builder("netplane_agent_reconcile")
              .description("Pool reconciles by result")
              .tag("result", o.tag())
              .register(registry));
    }
    duration =
        Timer.builder("netplane_agent_reconcile_duration")
            .description("Time to reconcile one pool (observe, plan, apply, status)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    Gauge.builder("netplane_agent_queue_depth", queueDepth::getAsInt)
        .description("Pools waiting to be reconciled")
        .register(registry);
    Gauge.builder("netplane_agent_leader", leader::getAsInt)
        .description("1 while this replica holds the lease and reconciles, else 0")
        .register(registry);
    conditions =
        MultiGauge.builder("netplane_agent_pool_condition")
            .description(
                "1 for the status a pool's condition has (True, False or Unknown), 0 for the other two;"
                    + " only the condition types the agent sets; a deleted pool's series end")
            .register(registry);
  }

  /**
   * Three rows per condition a pool reports, one per status, as kube-state-metrics does for
   * Kubernetes' own conditions: a status outside True and False counts as Unknown, and types the
   * agent does not set are left out, so an edited status cannot add series.
   */
  static List<MultiGauge.Row<?>> conditionRows(Collection<JsonNode> pools) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (JsonNode pool : pools) {
      String name = pool.path("metadata").path("name").asText("");
      Set<String> seen = new HashSet<>();
      for (JsonNode c : pool.path("status").path("conditions")) {
        String type = c.path("type").asText("");
        // the first condition of a type counts, as when the status is read
        if (name.isEmpty() || !TYPES.contains(type) || !seen.add(type)) {
          continue;
        }
        String status =
            STATUSES.contains(c.path("status").asText()) ? c.path("status").asText() : "Unknown";
        for (String s : STATUSES) {
          rows.add(
              MultiGauge.Row.of(
                  Tags.of("pool", name, "type", type, "status", s), s.equals(status) ? 1 : 0));
        }
      }
    }
    return rows;
  }

  void reconciled(Outcome outcome, Duration took) {
    reconciles.get(outcome).increment();
    duration.record(took);
  }

  double count(Outcome outcome) {
    return reconciles.get(outcome).count();
  }

  /** The Prometheus text exposition. */
  synchronized String scrape() {
    conditions.register(conditionRows(pools.get()), true);
    return registry.scrape();
  }
}
