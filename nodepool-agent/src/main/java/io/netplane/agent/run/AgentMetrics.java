package io.netplane.agent.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The controller's Prometheus metrics: {@code netplane_agent_reconcile_total{result}}, {@code
 * netplane_agent_reconcile_duration_seconds}, {@code netplane_agent_queue_depth} and {@code
 * netplane_agent_leader} (1 while this replica holds the lease).
 */
final class AgentMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Outcome, Counter> reconciles = new EnumMap<>(Outcome.class);
  private final Timer duration;

  AgentMetrics(IntSupplier queueDepth, IntSupplier leader) {
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
  }

  void reconciled(Outcome outcome, Duration took) {
    reconciles.get(outcome).increment();
    duration.record(took);
  }

  double count(Outcome outcome) {
    return reconciles.get(outcome).count();
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }
}
