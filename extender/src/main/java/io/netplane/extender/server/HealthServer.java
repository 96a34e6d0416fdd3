package io.netplane.extender.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Plain HTTP {@code /healthz}, {@code /readyz} and {@code /metrics} on a port of their own ({@code
 * serve --health-listen}), for kubelet probes and Prometheus when the extender port requires client
 * certificates. One event loop: these requests are rare and cheap.
 */
public final class HealthServer {
  private final Vertx vertx;
  private final ExtenderRoutes routes;
  private final String host;
  private final int port;
  private final ConnectionGuard guard;
  private HttpServer server;

  public HealthServer(
      Vertx vertx, DeciderSource source, ExtenderMetrics metrics, String host, int port) {
    this(vertx, source, metrics, host, port, ConnectionLimits.HEALTH_DEFAULTS);
  }

  public HealthServer(
      Vertx vertx,
      DeciderSource source,
      ExtenderMetrics metrics,
      String host,
      int port,
      ConnectionLimits limits) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    this.vertx = vertx;
    this.routes = new ExtenderRoutes(source, metrics);
    this.host = host;
    this.port = port;
    this.guard = new ConnectionGuard("health", limits, metrics);
  }

  /** Starts listening; completes with the bound port (useful with port 0). */
  public Future<Integer> start() {
    server = vertx.createHttpServer(guard.httpOptions());
    return server
        .connectionHandler(guard::accept)
        .invalidRequestHandler(ExtenderRoutes::invalidRequest)
        .requestHandler(routes.healthRouter(vertx))
        .listen(port, host)
        .map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
