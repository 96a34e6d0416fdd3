package io.netplane.extender.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the TLS files every {@link TlsOptions#reloadInterval()} and applies them to the running
 * servers only when they changed and passed {@link TlsMaterial}'s checks, to one server after the
 * other. One reloader for all event loops, each new state of the files logged once: a broken
 * rotation costs one line and the previous pair keeps serving.
 */
final class TlsReloader {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
  private final Vertx vertx;
  private final TlsOptions tls;
  private final List<HttpServer> servers;
  private volatile long timer = -1;
  private volatile Future<Void> reloading = Future.succeededFuture();

  /** Fingerprint of the files last served or refused; touched on the timer's context. */
  private volatile String seen;

  /**
   * @param servers the live list of servers to update
   * @param served the fingerprint of the files the servers started with
   */
  TlsReloader(Vertx vertx, TlsOptions tls, List<HttpServer> servers, String served) {
    this.vertx = vertx;
    this.tls = tls;
    this.servers = servers;
    this.seen = served;
  }

  void start() {
    timer = vertx.setPeriodic(tls.reloadInterval().toMillis(), t -> reloadIfChanged());
  }

  /** Stops the timer; completes when a reload under way has finished. */
  Future<Void> stop() {
    vertx.cancelTimer(timer);
    return reloading;
  }

  /** A reload still running when the timer fires again is left to finish. */
  private void reloadIfChanged() {
    if (!reloading.isComplete()) {
      return;
    }
    String known = seen;
    reloading =
        vertx
            .executeBlocking(() -> TlsMaterial.readIfChanged(tls, vertx, known))
            .compose(changed -> changed.map(this::apply).orElse(Future.succeededFuture()))
            .onFailure(
                e -> {
                  if (e instanceof TlsMaterial.InvalidTlsFiles invalid) {
                    if (invalid.fingerprint.equals(seen)) {
                      return;
                    }
                    seen = invalid.fingerprint;
                  }
                  LOG.warn(
                      "TLS files not applied, still serving the previous certificate: {}",
                      e.getMessage());
                })
            .mapEmpty();
  }

  private Future<Void> apply(TlsMaterial material) {
    seen = material.fingerprint();
    Future<Boolean> updated = Future.succeededFuture();
    for (HttpServer server : servers) {
      updated = updated.compose(ignored -> server.updateSSLOptions(material.sslOptions(), true));
    }
    return updated
        .onSuccess(ignored -> LOG.info("TLS certificate reloaded from {}", tls.certFile()))
        .mapEmpty();
  }
}
