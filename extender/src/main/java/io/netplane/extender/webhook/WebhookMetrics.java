package io.netplane.extender.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.webhook.SchedulerAssignment.Outcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The admission webhook's metrics, beside the JVM's, the process's and {@code netplane_build_info}
 * of the registry it shares with the connection metrics of its ports.
 */
public final class WebhookMetrics {
  private final ExtenderMetrics base;
  private final Map<Outcome, Counter> reviews = new EnumMap<>(Outcome.class);
  private final Counter badRequests;
  private final Timer latency;

  public WebhookMetrics(ExtenderMetrics base) {
    this.base = base;
    for (Outcome outcome : Outcome.values()) {
      reviews.put(
          outcome,
          Counter.builder("netplane_webhook_reviews")
              .description("Admission reviews answered, per outcome")
              .tag("outcome", outcome.label)
              .register(base.registry()));
    }
    badRequests =
        Counter.builder("netplane_webhook_bad_requests")
            .description(
                "Requests to /mutate answered with HTTP 400 (no AdmissionReview to answer)")
            .register(base.registry());
    latency =
        Timer.builder("netplane_webhook_request_duration")
            .description("Time to answer an admission review")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(5))
            .register(base.registry());
  }

  public ExtenderMetrics base() {
    return base;
  }

  void reviewed(Outcome outcome, long nanos) {
    reviews.get(outcome).increment();
    latency.record(Duration.ofNanos(nanos));
  }

  void badRequest() {
    badRequests.increment();
  }
}
