package io.netplane.extender.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the extender routes on one or more event loops sharing a port. The decision core is
 * CPU-bound and allocation-light, so it runs on the event loop; nothing here blocks.
 */
public final class ExtenderServer {
  private final Vertx vertx;
  private final DeciderSource source;
  private final ServerOptions options;
  private final ExtenderMetrics metrics;
  private final AtomicInteger port = new AtomicInteger();
  private String deployment;

  public ExtenderServer(Vertx vertx, DeciderSource source, ServerOptions options) {
    this(vertx, source, options, new ExtenderMetrics());
  }

  public ExtenderServer(Vertx vertx, DeciderSource source, ServerOptions options, ExtenderMetrics metrics) {
    this.vertx = vertx;
    this.source = source;
    this.options = options;
    this.metrics = metrics;
  }

  /** Starts listening; completes with the bound port (useful with port 0). */
  public Future<Integer> start() {
    return vertx
        .deployVerticle(() -> new Listener(), new DeploymentOptions().setInstances(options.instances()))
        .map(
            id -> {
              deployment = id;
              return port.get();
            });
  }

  /** Stops accepting and lets in-flight requests finish. */
  public Future<Void> stop() {
    return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
  }

  private final class Listener extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false));
      return server
          .requestHandler(new ExtenderRoutes(source, metrics).router(vertx, options.maxBodyBytes()))
          .listen(options.port(), options.host())
          .onSuccess(s -> port.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
      return server.shutdown();
    }
  }
}
