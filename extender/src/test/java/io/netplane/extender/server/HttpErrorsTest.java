package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.TestData;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What clients that send wrong, hostile or half requests get back, and what the log shows of them.
 */
@ExtendWith(VertxExtension.class)
class HttpErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POD =
      "{\"metadata\":{\"name\":\"web-9\",\"namespace\":\"default\",\"uid\":\"u-9\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";

  private final List<ExtenderServer> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ExtenderServer s : servers) {
      s.stop().await(10, TimeUnit.SECONDS);
    }
  }

  private int start(Vertx vertx, DeciderSource source, int eventLoops) throws Exception {
    ExtenderServer server =
        new ExtenderServer(vertx, source, new ServerOptions("127.0.0.1", 0, 4L << 20, eventLoops));
    servers.add(server);
    return server.start().await(10, TimeUnit.SECONDS);
  }

  private WebClient client(Vertx vertx, DeciderSource source) throws Exception {
    int port = start(vertx, source, 1);
    return WebClient.create(
        vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private static HttpResponse<Buffer> post(WebClient client, String path, String body)
      throws Exception {
    return client.post(path).sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  private static String error(HttpResponse<Buffer> r) throws Exception {
    return JSON.readTree(r.bodyAsString()).get("error").asText();
  }

  @Test
  void wrongMethodsGet405NamingTheAllowedOne(Vertx vertx) throws Exception {
    WebClient client = client(vertx, DeciderSource.fixed(TestData.cluster()));
    for (String path : List.of("/filter", "/prioritize", "/preempt")) {
      HttpResponse<Buffer> r = client.get(path).send().await(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(path).isEqualTo(405);
      assertThat(r.getHeader("Allow")).isEqualTo("POST");
      assertThat(error(r)).isEqualTo(path + " only answers POST");
    }
    HttpResponse<Buffer> postHealth = post(client, "/healthz", "{}");
    assertThat(postHealth.statusCode()).isEqualTo(405);
    assertThat(postHealth.getHeader("Allow")).isEqualTo("GET");
    assertThat(client.get("/nowhere").send().await(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(404);
  }

  @Test
  void malformedQueryStringGets400(Vertx vertx) throws Exception {
    WebClient client = client(vertx, DeciderSource.fixed(TestData.cluster()));
    for (String query : List.of("pod=%", "pod=%zz", "namespace=%&pod=web-0")) {
      HttpResponse<Buffer> r = client.get("/explain?" + query).send().await(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(error(r)).startsWith("malformed query string").doesNotContain("\n");
    }
  }

  @Test
  void unparseableRequestsGet400WithAReasonAndNoErrorLog(Vertx vertx) throws Exception {
    int port = start(vertx, DeciderSource.fixed(TestData.cluster()), 1);
    try (LogCapture log = new LogCapture()) {
      // a path the router cannot decode, and a request line the HTTP decoder cannot parse
      for (String request :
          List.of(
              "GET /pod=%2x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
              "GET /a\u000bb HTTP/1.1\r\nHost: x\r\n\r\n")) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(5000);
          s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
          String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(answer)
              .as(request)
              .matches("(?s)HTTP/1\\.[01] 400 .*\r\n\r\n\\{\"error\":\"malformed [^\n]*\"}");
        }
      }
      assertThat(log.atLeast(Level.WARN)).isEmpty();
    }
  }

  @Test
  void clientTextIsEscapedAndCutInLogLinesAndErrors(Vertx vertx) throws Exception {
    WebClient client = client(vertx, DeciderSource.fixed(TestData.cluster()));
    String forged = "ghost\n2026-01-01T00:00:00Z ERROR forged line " + "x".repeat(1_000_000);
    String filter = "{\"Pod\":" + POD + ",\"NodeNames\":[" + JSON.writeValueAsString(forged) + "]}";
    // object keys: within the JSON parser's 50 000-character name limit
    String forgedKey = forged.substring(0, 40_000);
    String preempt =
        "{\"Pod\":"
            + POD
            + ",\"NodeNameToVictims\":{"
            + JSON.writeValueAsString(forgedKey)
            + ":{\"Pods\":[{\"metadata\":{}}]}}}";
    try (LogCapture log = new LogCapture()) {
      assertThat(post(client, "/filter", filter).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> bad = post(client, "/preempt", preempt);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(error(bad)).contains("ghost\\n2026").hasSizeLessThan(1024);

      List<ILoggingEvent> lines = log.atLeast(Level.INFO);
      assertThat(lines)
          .extracting(ILoggingEvent::getLoggerName)
          .contains(RejectionLog.class.getName(), ExtenderRoutes.class.getName());
      for (ILoggingEvent e : lines) {
        assertThat(e.getFormattedMessage()).doesNotContain("\n").hasSizeLessThan(4096);
      }
      assertThat(lines)
          .anySatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("ghost\\n2026-01-01T00:00:00Z ERROR forged line xxx"));
    }
  }

  @Test
  void requestIdsAreUniqueAcrossEventLoops(Vertx vertx) throws Exception {
    // a fixed port: with port 0 each event loop would bind a random port of its own
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ExtenderServer server =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", port, 1L << 20, 4));
    servers.add(server);
    server.start().await(10, TimeUnit.SECONDS);
    // a new connection per request: the port hands connections to its event loops in turn
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(false));
    byte[] body = TestData.bytes("wire/filter-request-kube-scheduler.json");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      HttpResponse<Buffer> r =
          client.post("/filter").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      ids.add(r.getHeader("X-Request-Id"));
    }
    assertThat(ids).hasSize(40).doesNotContainNull();
  }

  @Test
  void aClientHangingUpMidBodyIsNoError(Vertx vertx) throws Exception {
    int port = start(vertx, DeciderSource.fixed(TestData.cluster()), 1);
    try (LogCapture log = new LogCapture()) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream out = s.getOutputStream();
        out.write(
            "POST /filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"Pod\":"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200);
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.events())
                      .anySatisfy(
                          e -> assertThat(e.getFormattedMessage()).contains("client went away")));
      assertThat(log.atLeast(Level.WARN)).isEmpty();
    }
  }

  @Test
  void h2cUpgradeIsIgnored(Vertx vertx) throws Exception {
    int port = start(vertx, DeciderSource.fixed(TestData.cluster()), 1);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                      + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void anUnexpectedFailureGets500WithAGenericMessageLoggedOnceWithTheRequestId(Vertx vertx)
      throws Exception {
    DeciderSource broken =
        new DeciderSource() {
          @Override
          public ServedSnapshot served() {
            throw new IllegalStateException("secret detail of a bug");
          }

          @Override
          public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
            throw new IllegalStateException("secret detail of a bug");
          }

          @Override
          public boolean ready() {
            return true;
          }
        };
    WebClient client = client(vertx, broken);
    byte[] body = TestData.bytes("wire/filter-request-kube-scheduler.json");
    try (LogCapture log = new LogCapture()) {
      HttpResponse<Buffer> r =
          client.post("/prioritize").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(500);
      String id = r.getHeader("X-Request-Id");
      assertThat(id).isNotBlank();
      assertThat(error(r)).isEqualTo("internal error (request " + id + ")");

      HttpResponse<Buffer> f =
          client.post("/filter").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
      // kube-scheduler reads only the Error field of a 200 filter answer
      assertThat(f.statusCode()).isEqualTo(200);
      JsonNode filtered = JSON.readTree(f.bodyAsString());
      assertThat(filtered.get("Error").asText())
          .isEqualTo("internal error (request " + f.getHeader("X-Request-Id") + ")");

      List<ILoggingEvent> errors = log.atLeast(Level.ERROR);
      assertThat(errors).hasSize(2);
      assertThat(errors.get(0).getFormattedMessage()).contains("request=" + id);
      assertThat(errors.get(0).getThrowableProxy().getMessage())
          .isEqualTo("secret detail of a bug");
    }
  }

  /**
   * A bug deep in a decision, after the request was read: each verb answers as kube-scheduler
   * expects it, with the request id and nothing of the cause, which is logged once, with the
   * request's id, and nowhere else.
   */
  @Test
  void aFailureInsideADecisionIsAnsweredCleanlyAndLoggedOnce(Vertx vertx) throws Exception {
    DeciderSlot slot =
        new DeciderSlot(
            new DeciderSlot.Holds() {
              @Override
              public Map<String, Long> heldForOthers(PodView pod) {
                throw new NullPointerException("secret detail of a bug in " + pod.key());
              }

              @Override
              public void endBound(ClusterSnapshot snapshot) {}
            });
    slot.publish(TestData.cluster());
    DeciderSource failing = DeciderSource.of(slot, () -> true);
    WebClient client = client(vertx, failing);
    String names = "{\"Pod\":" + POD + ",\"NodeNames\":[\"node-h1\",\"ghost\"]}";
    String candidates =
        "{\"Pod\":"
            + POD
            + ",\"NodeNameToMetaVictims\":{\"node-h1\":{\"Pods\":[{\"UID\":\"v-1\"}],"
            + "\"NumPDBViolations\":0}}}";
    try (LogCapture log = new LogCapture()) {
      HttpResponse<Buffer> filter = post(client, "/filter", names);
      String filterId = filter.getHeader("X-Request-Id");
      // kube-scheduler discards the body of any other status; it reads the Error field of a 200
      assertThat(filter.statusCode()).isEqualTo(200);
      assertThat(filter.bodyAsString())
          .isEqualTo(
              "{\"Nodes\":null,\"NodeNames\":null,\"FailedNodes\":null,"
                  + "\"FailedAndUnresolvableNodes\":null,"
                  + "\"Error\":\"internal error (request "
                  + filterId
                  + ")\"}");
      List<String> ids = new ArrayList<>(List.of(filterId));
      for (String[] verb : new String[][] {{"/prioritize", names}, {"/preempt", candidates}}) {
        HttpResponse<Buffer> r = post(client, verb[0], verb[1]);
        String id = r.getHeader("X-Request-Id");
        ids.add(id);
        assertThat(r.statusCode()).as(verb[0]).isEqualTo(500);
        assertThat(r.bodyAsString())
            .as(verb[0])
            .isEqualTo("{\"error\":\"internal error (request " + id + ")\"}");
      }

      assertThat(new HashSet<>(ids)).hasSize(3);
      for (String id : ids) {
        List<ILoggingEvent> lines =
            log.events().stream()
                .filter(e -> e.getFormattedMessage().contains("request=" + id + " "))
                .toList();
        assertThat(lines).as("log lines of request %s", id).singleElement();
        assertThat(lines.get(0).getLevel()).isEqualTo(Level.ERROR);
        assertThat(lines.get(0).getThrowableProxy().getMessage())
            .isEqualTo("secret detail of a bug in default/web-9");
      }
      assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().contains("secret detail"));
    }
  }
}
