package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.extender.wire.RequestDecoder;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request of two million node names (about 23 MB, under the default 32 MiB body limit), and a
 * preemption request of 1.3 million candidate nodes, sent to a server in its own JVM with a 256 MiB
 * heap that exits on running out of memory, as the chart's does: each is refused with 400 and the
 * server goes on answering.
 */
class HugeRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NAMES = 2_000_000;
  private static final String POD =
      "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void twoMillionNamesGet400FromA256MiBHeapThatKeepsServing() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapServer.class.getName())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String port = null;
    for (String line; port == null && (line = out.readLine()) != null; ) {
      port = line.startsWith("port=") ? line.substring(5) : null;
    }
    assertThat(port).as("the server's port line").isNotNull();
    // keeps reading the server's output, so that a full pipe never blocks it
    Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
    drain.setDaemon(true);
    drain.start();
    URI base = URI.create("http://127.0.0.1:" + port);

    byte[] body = names(NAMES);
    assertThat(body.length).isBetween(20_000_000, (int) ServerOptions.DEFAULT_MAX_BODY_BYTES);
    for (String verb : List.of("/filter", "/prioritize")) {
      HttpResponse<String> refused = post(base.resolve(verb), body);
      assertThat(refused.statusCode()).as(verb).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).get("error").asText())
          .as(verb)
          .contains("NodeNames lists more than " + RequestDecoder.maxNames(SmallHeapServer.NODES));
    }

    byte[] preempt = candidates(1_300_000);
    assertThat(preempt.length).isBetween(20_000_000, (int) ServerOptions.DEFAULT_MAX_BODY_BYTES);
    HttpResponse<String> refused = post(base.resolve("/preempt"), preempt);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("error").asText())
        .contains(
            "NodeNameToMetaVictims names more than "
                + RequestDecoder.maxNames(SmallHeapServer.NODES));

    assertThat(post(base.resolve("/filter"), names(SmallHeapServer.NODES)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(base.resolve("/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(server.isAlive()).isTrue();
  }

  /** A filter request naming {@code count} nodes, half of them in the snapshot. */
  private static byte[] names(int count) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(count * 12);
    b.writeBytes(
        ("{\"Pod\":" + POD + ",\"Nodes\":null,\"NodeNames\":[").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < count; i++) {
      String name =
          i % 2 == 0 ? String.format("node-%05d", i / 2 % SmallHeapServer.NODES) : "x" + i;
      b.writeBytes(((i == 0 ? "\"" : ",\"") + name + "\"").getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  /** A preemption request offering {@code count} candidate nodes, each without victims. */
  private static byte[] candidates(int count) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(count * 24);
    b.writeBytes(
        ("{\"Pod\":" + POD + ",\"NodeNameToMetaVictims\":{").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < count; i++) {
      b.writeBytes(
          ((i == 0 ? "\"n" : ",\"n") + i + "\":{\"Pods\":[]}").getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes("}}".getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private HttpResponse<String> post(URI uri, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
