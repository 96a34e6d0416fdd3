package io.netplane.extender.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the extender routes (or another program's, such as the admission webhook's) on one or more
 * event loops sharing a port, with the port's connection limits and TLS reloading. The decision
 * core is CPU-bound and allocation-light, so it runs on the event loop; nothing here blocks.
 */
public final class ExtenderServer {
  private final Vertx vertx;
  private final ServerOptions options;
  private final Function<Vertx, Router> routes;
  private final AtomicInteger port = new AtomicInteger();
  private final ConnectionGuard guard;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private String deployment;
  private TlsReloader tlsReloader;

  public ExtenderServer(Vertx vertx, DeciderSource source, ServerOptions options) {
    this(vertx, source, options, new ExtenderMetrics());
  }

  public ExtenderServer(
      Vertx vertx, DeciderSource source, ServerOptions options, ExtenderMetrics metrics) {
    this(
        vertx,
        options,
        metrics,
        "extender",
        v -> new ExtenderRoutes(source, metrics).router(v, options.maxBodyBytes()));
  }

  /**
   * @param listener names the port in logs and the connection metrics
   * @param routes builds the routes of one event loop
   */
  public ExtenderServer(
      Vertx vertx,
      ServerOptions options,
      ExtenderMetrics metrics,
      String listener,
      Function<Vertx, Router> routes) {
    this.vertx = vertx;
    this.options = options;
    this.routes = routes;
    this.guard = new ConnectionGuard(listener, options.limits(), metrics);
  }

  /** Starts listening; completes with the bound port (useful with port 0). */
  public Future<Integer> start() {
    TlsOptions tls = options.tls();
    Future<TlsMaterial> material =
        tls == null
            ? Future.succeededFuture()
            : vertx.executeBlocking(() -> TlsMaterial.readAtStart(tls, vertx));
    return material.compose(
        first ->
            vertx
                .deployVerticle(
                    () -> new Listener(first == null ? null : first.sslOptions()),
                    new DeploymentOptions().setInstances(options.instances()))
                .map(
                    id -> {
                      deployment = id;
                      if (first != null) {
                        tlsReloader = new TlsReloader(vertx, tls, servers, first.fingerprint());
                        tlsReloader.start();
                      }
                      return port.get();
                    }));
  }

  /** Stops accepting and lets in-flight requests finish. */
  public Future<Void> stop() {
    Future<Void> reload = tlsReloader == null ? Future.succeededFuture() : tlsReloader.stop();
    return reload.transform(
        done -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment));
  }

  private final class Listener extends VerticleBase {
    private final ServerSSLOptions ssl;
    private HttpServer server;

    Listener(ServerSSLOptions ssl) {
      this.ssl = ssl;
    }

    @Override
    public Future<?> start() {
      HttpServerOptions http = guard.httpOptions();
      if (ssl != null) {
        http.setSsl(true)
            .setKeyCertOptions(ssl.getKeyCertOptions())
            .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols())
            .setClientAuth(ssl.getClientAuth());
        if (ssl.getTrustOptions() != null) {
          http.setTrustOptions(ssl.getTrustOptions());
        }
      }
      server = vertx.createHttpServer(http);
      servers.add(server);
      return server
          .connectionHandler(guard::accept)
          .invalidRequestHandler(RouteTable::invalidRequest)
          .requestHandler(routes.apply(vertx))
          .listen(options.port(), options.host())
          .onSuccess(s -> port.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
      servers.remove(server);
      return server.shutdown();
    }
  }
}
