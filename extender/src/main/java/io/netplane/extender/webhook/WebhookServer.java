package io.netplane.extender.webhook;

import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The admission webhook's ports: {@code /mutate} over HTTPS (the API server calls webhooks over
 * HTTPS only) and, when given, the plain-HTTP health port. Both have the extender's connection
 * limits; the certificate files are re-read when they change.
 */
public final class WebhookServer {
  private final WebhookMetrics metrics = new WebhookMetrics(new ExtenderMetrics());
  private final ExtenderServer server;
  private final ExtenderServer health;
  private int healthPort = -1;

  /**
   * @param options the HTTPS port; its TLS settings are required
   * @param healthOptions the health port, or null for none
   */
  public WebhookServer(
      Vertx vertx, String schedulerName, ServerOptions options, ServerOptions healthOptions) {
    if (options.tls() == null) {
      throw new IllegalArgumentException("the webhook port needs TLS settings");
    }
    WebhookRoutes routes = new WebhookRoutes(schedulerName, metrics);
    server =
        new ExtenderServer(
            vertx,
            options,
            metrics.base(),
            "webhook",
            v -> routes.router(v, options.maxBodyBytes()));
    health =
        healthOptions == null
            ? null
            : new ExtenderServer(
                vertx, healthOptions, metrics.base(), "health", routes::healthRouter);
  }

  /**
   * Starts the HTTPS port, then the health port, so that the pod is not ready before it admits;
   * completes with the HTTPS port's number (useful with port 0).
   */
  public Future<Integer> start() {
    return server
        .start()
        .compose(
            port ->
                health == null
                    ? Future.succeededFuture(port)
                    : health
                        .start()
                        .map(
                            h -> {
                              healthPort = h;
                              return port;
                            }));
  }

  /** The health port's number once started; -1 without one. */
  public int healthPort() {
    return healthPort;
  }

  /** Stops the health port first, so that the pod is no longer ready before admission stops. */
  public Future<Void> stop() {
    Future<Void> first = health == null ? Future.succeededFuture() : health.stop();
    return first.transform(done -> server.stop());
  }

  public WebhookMetrics metrics() {
    return metrics;
  }
}
