package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.extender.TestData;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Idle, slow and surplus connections on both listening ports are closed; health keeps answering.
 */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration SHORT = Duration.ofMillis(300);

  /** The two listening ports. */
  enum Port {
    EXTENDER,
    HEALTH
  }

  private final List<Callable<?>> stops = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final ExtenderMetrics metrics = new ExtenderMetrics();

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    for (Callable<?> stop : stops) {
      stop.call();
    }
  }

  private int start(Vertx vertx, Port port, ConnectionLimits limits) throws Exception {
    DeciderSource source = DeciderSource.fixed(TestData.cluster());
    if (port == Port.EXTENDER) {
      ExtenderServer server =
          new ExtenderServer(
              vertx, source, new ServerOptions("127.0.0.1", 0, 1 << 20, 1, null, limits), metrics);
      stops.add(() -> server.stop().await(10, TimeUnit.SECONDS));
      return server.start().await(10, TimeUnit.SECONDS);
    }
    HealthServer server = new HealthServer(vertx, source, metrics, "127.0.0.1", 0, limits);
    stops.add(() -> server.stop().await(10, TimeUnit.SECONDS));
    return server.start().await(10, TimeUnit.SECONDS);
  }

  private Socket connect(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    sockets.add(s);
    return s;
  }

  @Test
  void healthAnswersWhileTheExtenderPortIsFull(Vertx vertx) throws Exception {
    int cap = 4;
    int extender = start(vertx, Port.EXTENDER, new ConnectionLimits(LONG, LONG, LONG, cap));
    int health = start(vertx, Port.HEALTH, new ConnectionLimits(LONG, LONG, LONG, cap));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < cap; i++) {
      held.add(connect(extender));
    }
    for (Socket s : held) {
      assertThat(get(s, "/healthz")).startsWith("HTTP/1.1 200");
    }
    for (int i = 0; i < 3; i++) {
      assertThat(closedWithin(connect(extender), Duration.ofSeconds(5)))
          .as("connection over the cap")
          .isTrue();
    }
    assertThat(get(connect(health), "/healthz")).startsWith("HTTP/1.1 200");
    assertThat(metrics.scrape())
        .contains("netplane_extender_refused_connections_total{listener=\"extender\"} 3.0")
        .contains("netplane_extender_open_connections{listener=\"extender\"} 4.0");

    held.get(0).close();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(metrics.scrape())
                    .contains("netplane_extender_open_connections{listener=\"extender\"} 3.0"));
    assertThat(get(connect(extender), "/healthz"))
        .as("room again after one closed")
        .startsWith("HTTP/1.1 200");
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void connectionsOverTheCapAreClosed(Port kind, Vertx vertx) throws Exception {
    int port = start(vertx, kind, new ConnectionLimits(LONG, LONG, LONG, 2));
    Socket first = connect(port);
    Socket second = connect(port);
    assertThat(closedWithin(connect(port), Duration.ofSeconds(5))).isTrue();
    assertThat(get(first, "/healthz")).startsWith("HTTP/1.1 200");
    assertThat(get(second, "/healthz")).startsWith("HTTP/1.1 200");
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void headersTrickledSlowerThanTheHeaderTimeoutAreCut(Port kind, Vertx vertx) throws Exception {
    int port = start(vertx, kind, new ConnectionLimits(LONG, SHORT, LONG, 10));
    Socket s = connect(port);
    long started = System.nanoTime();
    // one byte every 50 ms: never idle, never done
    boolean closed =
        trickle(
            s,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200),
            Duration.ofSeconds(5));
    assertThat(closed).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(SHORT.minusMillis(50), Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void aBodyTrickledSlowerThanTheBodyTimeoutIsCut(Port kind, Vertx vertx) throws Exception {
    int port = start(vertx, kind, new ConnectionLimits(LONG, LONG, SHORT, 10));
    Socket s = connect(port);
    String path = kind == Port.EXTENDER ? "/filter" : "/healthz";
    s.getOutputStream()
        .write(
            ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    long started = System.nanoTime();
    assertThat(trickle(s, "{" + " ".repeat(998), Duration.ofSeconds(5))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void idleConnectionsAreClosedAfterTheIdleTimeout(Port kind, Vertx vertx) throws Exception {
    int port = start(vertx, kind, new ConnectionLimits(Duration.ofMillis(500), LONG, LONG, 10));
    Socket s = connect(port);
    assertThat(get(s, "/healthz")).startsWith("HTTP/1.1 200");
    assertThat(closedWithin(s, Duration.ofSeconds(5))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void keepAliveConnectionsOutliveTheHeaderTimeoutBetweenRequests(Port kind, Vertx vertx)
      throws Exception {
    int port = start(vertx, kind, new ConnectionLimits(LONG, SHORT, SHORT, 10));
    Socket s = connect(port);
    assertThat(get(s, "/healthz")).startsWith("HTTP/1.1 200");
    Thread.sleep(SHORT.multipliedBy(3).toMillis());
    assertThat(get(s, "/healthz")).as("same connection, later").startsWith("HTTP/1.1 200");
  }

  /** Sends a GET and reads its answer: status line and headers, then Content-Length bytes. */
  private static String get(Socket s, String path) throws IOException {
    s.setSoTimeout(5000);
    s.getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return "closed";
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int at = text.toLowerCase().indexOf("content-length: ");
    int length = Integer.parseInt(text.substring(at + 16, text.indexOf('\r', at)));
    in.readNBytes(length);
    return text;
  }

  /** Whether the server closes the connection within {@code limit}, the client sending nothing. */
  private static boolean closedWithin(Socket s, Duration limit) throws IOException {
    s.setSoTimeout(Math.toIntExact(limit.toMillis()));
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /**
   * Sends {@code text} a byte every 50 ms; whether the server closed the connection within {@code
   * limit}.
   */
  private static boolean trickle(Socket s, String text, Duration limit) throws IOException {
    s.setSoTimeout(50);
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    long deadline = System.nanoTime() + limit.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % text.length()) {
      try {
        out.write(text.charAt(i));
        out.flush();
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }
}
