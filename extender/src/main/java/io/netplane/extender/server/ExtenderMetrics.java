package io.netplane.extender.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.ReasonId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The extender's Prometheus metrics: request latency per verb, node verdicts per reason id, bad
 * requests. kube-scheduler exports no per-extender latency, so this is where to look.
 */
public final class ExtenderMetrics {
  private final PrometheusMeterRegistry registry;
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<String, Counter> badRequests = new ConcurrentHashMap<>();
  private final Map<String, Counter> verdicts = new ConcurrentHashMap<>();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  public ExtenderMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public ExtenderMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Runs before every scrape: for gauges whose set of series changes (one per vSwitch). */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(refresh);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return registry.scrape();
  }

  void requestTook(String verb, long nanos) {
    latency
        .computeIfAbsent(
            verb,
            v ->
                Timer.builder("netplane_extender_request")
                    .description("Time to answer kube-scheduler, per verb")
                    .tag("verb", v)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  void badRequest(String verb) {
    badRequests
        .computeIfAbsent(
            verb,
            v ->
                Counter.builder("netplane_extender_bad_requests")
                    .description("Requests answered with HTTP 400")
                    .tag("verb", v)
                    .register(registry))
        .increment();
  }

  /**
   * Counts node verdicts: fit nodes, the first reason of each rejected node, and notes such as
   * unknown capacity. Aggregated per request, so a 5000-node request costs a few increments.
   */
  void verdicts(String verb, Decision d) {
    for (ReasonId id : ReasonId.values()) {
      int count = d.rejectedBy(id) + d.notes().getOrDefault(id, 0);
      if (count > 0) {
        verdictCounter(verb, id.id()).increment(count);
      }
    }
    if (d.fitCount() > 0) {
      verdictCounter(verb, "Fit").increment(d.fitCount());
    }
  }

  private Counter verdictCounter(String verb, String reason) {
    return verdicts.computeIfAbsent(
        verb + "/" + reason,
        k ->
            Counter.builder("netplane_extender_node_verdicts")
                .description("Node verdicts: Fit, the rejecting reason id, or a note's id")
                .tag("verb", verb)
                .tag("reason", reason)
                .register(registry));
  }
}
