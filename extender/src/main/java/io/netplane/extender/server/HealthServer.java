package io.netplane.extender.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * Plain HTTP {@code /healthz}, {@code /readyz} and {@code /metrics} on a port of their own ({@code
 * serve --health-listen}), for kubelet probes and Prometheus when the extender port requires client
 * certificates; or, as {@link #local}, those and what {@code kubectl netplane} reads on 127.0.0.1
 * ({@code serve --local-port}). One event loop: these requests are rare and cheap.
 */
public final class HealthServer {
  private final Vertx vertx;
  private final Router router;
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
    this(
        vertx,
        "health",
        new ExtenderRoutes(source, metrics).healthRouter(vertx),
        metrics,
        host,
        port,
        limits);
  }

  /**
   * {@code /explain}, {@code /inventory} and the health endpoints over plain HTTP on 127.0.0.1
   * only: reached from outside the pod through a Kubernetes port-forward, which the API server
   * authorises (RBAC {@code pods/portforward}).
   */
  public static HealthServer local(
      Vertx vertx,
      DeciderSource source,
      ExtenderMetrics metrics,
      int port,
      ConnectionLimits limits) {
    return new HealthServer(
        vertx,
        "local",
        new ExtenderRoutes(source, metrics).localRouter(vertx),
        metrics,
        "127.0.0.1",
        port,
        limits);
  }

  private HealthServer(
      Vertx vertx,
      String name,
      Router router,
      ExtenderMetrics metrics,
      String host,
      int port,
      ConnectionLimits limits) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    this.vertx = vertx;
    this.router = router;
    this.host = host;
    this.port = port;
    this.guard = new ConnectionGuard(name, limits, metrics);
  }

  /** Starts listening; completes with the bound port (useful with port 0). */
  public Future<Integer> start() {
    server = vertx.createHttpServer(guard.httpOptions());
    return server
        .connectionHandler(guard::accept)
        .invalidRequestHandler(RouteTable::invalidRequest)
        .requestHandler(router)
        .listen(port, host)
        .map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
