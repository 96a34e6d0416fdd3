package io.netplane.extender.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the extender routes on one or more event loops sharing a port. The decision core is
 * CPU-bound and allocation-light, so it runs on the event loop; nothing here blocks.
 */
public final class ExtenderServer {
  private static final Logger LOG = LoggerFactory.getLogger(ExtenderServer.class);
  private final Vertx vertx;
  private final DeciderSource source;
  private final ServerOptions options;
  private final ExtenderMetrics metrics;
  private final AtomicInteger port = new AtomicInteger();
  private final ConnectionGuard guard;
  private String deployment;

  public ExtenderServer(Vertx vertx, DeciderSource source, ServerOptions options) {
    this(vertx, source, options, new ExtenderMetrics());
  }

  public ExtenderServer(Vertx vertx, DeciderSource source, ServerOptions options, ExtenderMetrics metrics) {
    this.vertx = vertx;
    this.source = source;
    this.options = options;
    this.metrics = metrics;
    this.guard = new ConnectionGuard("extender", options.limits(), metrics);
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
    private String tlsFingerprint;

    @Override
    public Future<?> start() {
      HttpServerOptions http = guard.httpOptions();
      TlsOptions tls = options.tls();
      if (tls != null) {
        var ssl = tls.sslOptions();
        http.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions()).setClientAuth(ssl.getClientAuth());
        if (ssl.getTrustOptions() != null) {
          http.setTrustOptions(ssl.getTrustOptions());
        }
        tlsFingerprint = tls.fingerprint();
        vertx.setPeriodic(tls.reloadInterval().toMillis(), id -> reloadIfChanged(tls));
      }
      server = vertx.createHttpServer(http);
      return server
          .connectionHandler(guard::accept)
          .invalidRequestHandler(ExtenderRoutes::invalidRequest)
          .requestHandler(new ExtenderRoutes(source, metrics).router(vertx, options.maxBodyBytes()))
          .listen(options.port(), options.host())
          .onSuccess(s -> port.set(s.actualPort()));
    }

    /** Reads the files off the event loop; only the comparison and the swap run on it. */
    private void reloadIfChanged(TlsOptions tls) {
      vertx
          .executeBlocking(tls::fingerprint)
          .onFailure(e -> LOG.warn("TLS files unreadable, keeping the current certificate: {}", e.getMessage()))
          .onSuccess(
              now -> {
                if (now.equals(tlsFingerprint)) {
                  return;
                }
                server
                    .updateSSLOptions(tls.sslOptions(), true)
                    .onSuccess(
                        updated -> {
                          tlsFingerprint = now;
                          LOG.info("TLS certificate reloaded from {}", tls.certFile());
                        })
                    .onFailure(e -> LOG.error("TLS reload failed, keeping the current certificate", e));
              });
    }

    @Override
    public Future<?> stop() {
      return server.shutdown();
    }
  }
}
