package io.netplane.extender.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.ReasonId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The extender's Prometheus metrics: request latency per verb, node verdicts per reason id, bad
 * requests, connections. kube-scheduler exports no per-extender latency, so this is where to look.
 * The JVM's (memory, GC, threads, classes), the process's (CPU, open files, uptime) and {@code
 * netplane_build_info} are there from the start, before any request.
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
    for (MeterBinder binder :
        List.of(
            new JvmMemoryMetrics(),
            new JvmGcMetrics(),
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new JvmInfoMetrics(),
            new ProcessorMetrics(),
            new FileDescriptorMetrics(),
            new UptimeMetrics())) {
      binder.bindTo(registry);
    }
    Gauge.builder("netplane.build.info", () -> 1)
        .description("Always 1; the version label says which build is running")
        .tag("version", buildVersion())
        .register(registry);
  }

  /** The project version the build wrote into the jar, or "unknown" when run from elsewhere. */
  static String buildVersion() {
    try (InputStream in =
        ExtenderMetrics.class.getResourceAsStream("/netplane-extender-build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
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
                Timer.builder("netplane_extender_request_duration")
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

  /** Open connections on one listening port ({@code extender} or {@code health}). */
  void openConnections(String listener, AtomicInteger open) {
    Gauge.builder("netplane_extender_open_connections", open, AtomicInteger::get)
        .description("Open connections, per listening port")
        .tag("listener", listener)
        .register(registry);
  }

  void refusedConnection(String listener) {
    Counter.builder("netplane_extender_refused_connections")
        .description("Connections closed on accept because the port had its most allowed open")
        .tag("listener", listener)
        .register(registry)
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
