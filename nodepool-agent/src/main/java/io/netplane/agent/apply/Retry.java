package io.netplane.agent.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.config.cloud.CloudException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries one idempotent call in place: cloud errors that are {@link CloudException#retryable()}
 * (throttling, 5xx, no response) and Kubernetes 429/5xx/no response. A 409 is not retried here: the
 * observation it was based on is stale, so the applier plans again instead.
 */
final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private Retry() {}

  static <T> T call(Backoff backoff, String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= backoff.attempts() || !retryable(e)) {
          throw e;
        }
        LOG.warn(
            "{} failed (attempt {}/{}), retrying in {}: {}",
            what,
            attempt,
            backoff.attempts(),
            backoff.delay(attempt),
            e.getMessage());
        backoff.pause(attempt);
      }
    }
  }

  static void run(Backoff backoff, String what, Runnable call) {
    call(
        backoff,
        what,
        () -> {
          call.run();
          return null;
        });
  }

  static boolean retryable(Throwable e) {
    if (e instanceof CloudException c) {
      return c.retryable();
    }
    if (e instanceof KubernetesClientException k) {
      int code = k.getCode();
      return code == 429 || code >= 500 || code == 0;
    }
    return false;
  }

  static boolean conflict(Throwable e) {
    return e instanceof KubernetesClientException k && k.getCode() == 409;
  }
}
