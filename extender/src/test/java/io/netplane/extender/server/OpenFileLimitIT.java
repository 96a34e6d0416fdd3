package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.extender.TestData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} in a process of its own with the common limit of 1024 open files and the default
 * connection caps: 1100 idle connections to the main port neither take the health port down nor
 * leave the main port unusable once they end.
 */
class OpenFileLimitIT {
  private static final int IDLE_CONNECTIONS = 1100;
  private final List<Socket> sockets = new ArrayList<>();
  private Process serve;

  @AfterEach
  void stop() throws Exception {
    closeAll();
    if (serve != null) {
      serve.destroy();
      serve.waitFor();
    }
  }

  @Test
  void healthAnswersWhileIdleConnectionsFillTheMainPort() throws Exception {
    int port = freePort();
    int health = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    serve =
        new ProcessBuilder(
                "bash",
                "-c",
                "ulimit -n 1024 && exec \"$@\"",
                "serve",
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.netplane.extender.NetplaneExtender",
                "serve",
                "--state",
                TestData.demo().toString(),
                "--listen",
                "127.0.0.1:" + port,
                "--health-listen",
                "127.0.0.1:" + health)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .ignoreExceptions()
        .until(() -> status(health, "/healthz") == 200);

    for (int i = 0; i < IDLE_CONNECTIONS; i++) {
      Socket s = new Socket();
      sockets.add(s);
      try {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      } catch (IOException refusedOrTimedOut) {
        // the kernel's accept queue may be full for a moment: counts as tried
      }
    }
    // the main port full, the rest refused: and the health port still accepts
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(body(health, "/metrics"))
                    .contains(
                        "netplane_extender_open_connections{listener=\"extender\"} "
                            + ConnectionLimits.DEFAULT_MAX_CONNECTIONS
                            + ".0")
                    .containsPattern(
                        "netplane_extender_refused_connections_total\\{listener=\"extender\"\\} [1-9]"));
    assertThat(status(health, "/healthz")).isEqualTo(200);

    closeAll();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> status(port, "/healthz") == 200);
  }

  private void closeAll() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  private static int status(int port, String path) throws Exception {
    return send(port, path).statusCode();
  }

  private static String body(int port, String path) throws Exception {
    return send(port, path).body();
  }

  /**
   * On a new connection, as kubelet probes: a pooled one would need no accept and prove nothing.
   */
  private static HttpResponse<String> send(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
