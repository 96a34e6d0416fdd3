package io.netplane.agent.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netplane.config.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} (the process answers), {@code /readyz} (200 once the informers have synced,
 * leader or standby alike, else 503) and {@code /metrics} (Prometheus text). The JDK's server is
 * enough for three probes; a second HTTP stack would only add weight to the agent.
 */
final class HealthServer implements AutoCloseable {
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(DaemonThreads.named("netplane-health"));

  HealthServer(InetSocketAddress address, BooleanSupplier ready, Supplier<String> metrics) {
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    server.setExecutor(executor);
    server.createContext("/healthz", x -> send(x, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        x -> {
          boolean ok = ready.getAsBoolean();
          send(x, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "informers not synced\n");
        });
    server.createContext("/metrics", x -> send(x, 200, PROMETHEUS, metrics.get()));
    server.start();
  }

  /** The bound port (useful with port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
