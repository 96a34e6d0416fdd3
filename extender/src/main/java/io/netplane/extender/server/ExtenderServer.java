package io.netplane.extender.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private String deployment;
  private long reloadTimer = -1;
  private Future<Void> reloading = Future.succeededFuture();
  /** Fingerprint of the TLS files last served or refused; touched on the reload timer's context. */
  private volatile String tlsSeen;

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
    TlsOptions tls = options.tls();
    Future<TlsMaterial> material = tls == null ? Future.succeededFuture() : vertx.executeBlocking(() -> firstRead(tls));
    return material
        .compose(
            first -> {
              tlsSeen = first == null ? null : first.fingerprint();
              ServerSSLOptions ssl = first == null ? null : first.sslOptions();
              return vertx.deployVerticle(() -> new Listener(ssl), new DeploymentOptions().setInstances(options.instances()));
            })
        .map(
            id -> {
              deployment = id;
              if (tls != null) {
                reloadTimer = vertx.setPeriodic(tls.reloadInterval().toMillis(), t -> reloadIfChanged(tls));
              }
              return port.get();
            });
  }

  /** Files that cannot be served stop the start: a usage error, reported in one line. */
  private TlsMaterial firstRead(TlsOptions tls) {
    try {
      return TlsMaterial.read(tls, vertx);
    } catch (TlsMaterial.InvalidTlsFiles e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Stops accepting and lets in-flight requests finish. */
  public Future<Void> stop() {
    vertx.cancelTimer(reloadTimer);
    return reloading.transform(done -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment));
  }

  /**
   * Reads the files off the event loop and applies them only when they changed and passed
   * {@link TlsMaterial}'s checks, to every listener in turn. Each new state of the files is logged
   * once. A reload still running when the timer fires again is left to finish.
   */
  private void reloadIfChanged(TlsOptions tls) {
    if (!reloading.isComplete()) {
      return;
    }
    String known = tlsSeen;
    reloading =
        vertx
            .executeBlocking(() -> TlsMaterial.readIfChanged(tls, vertx, known))
            .compose(changed -> changed.map(this::apply).orElse(Future.succeededFuture()))
            .onFailure(
                e -> {
                  if (e instanceof TlsMaterial.InvalidTlsFiles invalid) {
                    if (invalid.fingerprint.equals(tlsSeen)) {
                      return;
                    }
                    tlsSeen = invalid.fingerprint;
                  }
                  LOG.warn("TLS files not applied, still serving the previous certificate: {}", e.getMessage());
                })
            .mapEmpty();
  }

  private Future<Void> apply(TlsMaterial material) {
    tlsSeen = material.fingerprint();
    Future<Boolean> updated = Future.succeededFuture();
    for (HttpServer server : servers) {
      updated = updated.compose(ignored -> server.updateSSLOptions(material.sslOptions(), true));
    }
    return updated.onSuccess(ignored -> LOG.info("TLS certificate reloaded from {}", options.tls().certFile())).mapEmpty();
  }

  private final class Listener extends VerticleBase {
    private final ServerSSLOptions ssl;
    private HttpServer server;

    Listener(ServerSSLOptions ssl) {
      this.ssl = ssl;
    }

    @Override
    public Future<?> start() {
      HttpServerOptions http = new HttpServerOptions().setCompressionSupported(false);
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
          .requestHandler(new ExtenderRoutes(source, metrics).router(vertx, options.maxBodyBytes()))
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
