package io.netplane.extender.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What kube-scheduler calls in front of several extender replicas: each request goes to the next
 * replica in turn, counted per path, so that consecutive {@code /filter} calls alternate whatever
 * else is called in between. Unlike a Service it ignores readiness, so every replica is asked.
 * Answers are passed back as they are (status, Content-Type, body); a replica that cannot be
 * reached is a 502.
 */
final class RoundRobinProxy implements AutoCloseable {
  private final List<Integer> ports;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

  /** "port path status" -> answers. */
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

  private RoundRobinProxy(int port, List<Integer> ports) throws IOException {
    this.ports = List.copyOf(ports);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /** Listens on {@code port} of 127.0.0.1 and forwards to the replicas on these ports. */
  static RoundRobinProxy start(int port, List<Integer> replicaPorts) {
    try {
      return new RoundRobinProxy(port, replicaPorts);
    } catch (IOException e) {
      throw new IllegalStateException("proxy cannot listen on 127.0.0.1:" + port, e);
    }
  }

  /**
   * How many answers with this status the replica on {@code port} gave to calls of {@code path}.
   */
  long answered(int port, String path, int status) {
    AtomicLong n = answers.get(port + " " + path + " " + status);
    return n == null ? 0 : n.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    int port =
        ports.get(
            (int)
                (turns.computeIfAbsent(path, p -> new AtomicLong()).getAndIncrement()
                    % ports.size()));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    int status;
    String type = "application/json";
    byte[] answer;
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + exchange.getRequestURI()))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", type)
                  .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      status = response.statusCode();
      type = response.headers().firstValue("Content-Type").orElse(type);
      answer = response.body();
    } catch (IOException e) {
      status = 502;
      answer = ("{\"error\":\"replica on port " + port + " unreachable\"}").getBytes();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 502;
      answer = new byte[0];
    }
    answers
        .computeIfAbsent(port + " " + path + " " + status, k -> new AtomicLong())
        .incrementAndGet();
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
