package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.TestData;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class ExtenderHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long BODY_LIMIT = 64 * 1024;

  private final Decider decider = TestData.cluster();
  private ExtenderServer server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server =
        new ExtenderServer(
            vertx, DeciderSource.fixed(decider), new ServerOptions("127.0.0.1", 0, BODY_LIMIT, 1));
    int port = server.start().await(10, TimeUnit.SECONDS);
    client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kube-scheduler", "lowercase", "nodes-mode"})
  void filterAnswersMatchTheGoldenFiles(String name) throws Exception {
    HttpResponse<Buffer> r =
        post("/filter", TestData.bytes("wire/filter-request-" + name + ".json"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    JsonNode expected = JSON.readTree(TestData.bytes("wire/filter-response-" + name + ".json"));
    assertThat(JSON.readTree(r.bodyAsString())).isEqualTo(expected);
  }

  @Test
  void prioritizeScoresEveryRequestedNodeWithIntegersFromZeroToTen() throws Exception {
    HttpResponse<Buffer> r =
        post("/prioritize", TestData.bytes("wire/filter-request-kube-scheduler.json"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = JSON.readTree(r.bodyAsString());
    assertThat(out.isArray()).isTrue();
    assertThat(out)
        .extracting(n -> n.get("Host").asText())
        .containsExactly("node-h1", "node-i1", "node-j1", "ghost");
    for (JsonNode n : out) {
      assertThat(n.get("Score").isIntegralNumber()).isTrue();
      assertThat(n.get("Score").asLong()).isBetween(0L, 10L);
    }
    // node-h1: most free IPs (10) and 30 of the best 45 shared slots (6.7) -> 8;
    // node-j1: unknown vSwitch room (5) and the most shared slots (10) -> 8; failed nodes score 0
    assertThat(out).extracting(n -> n.get("Score").asLong()).containsExactly(8L, 0L, 8L, 0L);
  }

  @Test
  void preemptKeepsOnlyCandidatesWhereEvictionLetsThePodIn() throws Exception {
    String pod =
        "{\"metadata\":{\"name\":\"web-9\",\"namespace\":\"default\",\"uid\":\"u-9\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";
    String victims = "{\"Pods\":[{\"UID\":\"v-1\"}],\"NumPDBViolations\":0}";
    String body =
        "{\"Pod\":"
            + pod
            + ",\"NodeNameToVictims\":null,\"NodeNameToMetaVictims\":{"
            + "\"node-h1\":"
            + victims
            + ",\"node-i1\":"
            + victims
            + ",\"ghost\":"
            + victims
            + "}}";
    HttpResponse<Buffer> r = post("/preempt", body.getBytes());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.bodyAsString()))
        .isEqualTo(JSON.readTree("{\"NodeNameToMetaVictims\":{\"node-h1\":" + victims + "}}"));
  }

  @Test
  void preemptReducesFullVictimsToTheirUids() throws Exception {
    String body =
        "{\"Pod\":{\"metadata\":{\"name\":\"web-9\"}},\"NodeNameToVictims\":{\"node-h1\":"
            + "{\"Pods\":[{\"metadata\":{\"name\":\"old\",\"uid\":\"v-2\"}}],\"NumPDBViolations\":1}},\"NodeNameToMetaVictims\":null}";
    HttpResponse<Buffer> r = post("/preempt", body.getBytes());
    assertThat(JSON.readTree(r.bodyAsString()))
        .isEqualTo(
            JSON.readTree(
                "{\"NodeNameToMetaVictims\":{\"node-h1\":{\"Pods\":[{\"UID\":\"v-2\"}],\"NumPDBViolations\":1}}}"));
  }

  @Test
  void malformedBodyGets400AndTheServerKeepsServing() throws Exception {
    HttpResponse<Buffer> bad = post("/filter", "{\"Pod\": {".getBytes());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.bodyAsString()).get("error").asText())
        .startsWith("malformed JSON");
    HttpResponse<Buffer> good =
        post("/filter", TestData.bytes("wire/filter-request-kube-scheduler.json"));
    assertThat(good.statusCode()).isEqualTo(200);
  }

  @Test
  void emptyBodyGets400() throws Exception {
    HttpResponse<Buffer> r = post("/prioritize", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.bodyAsString()).get("error").asText())
        .contains("empty request body");
  }

  @Test
  void oversizedBodyGets400AndTheServerKeepsServing() throws Exception {
    byte[] big = new byte[(int) BODY_LIMIT * 2];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<Buffer> r = post("/filter", big);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.bodyAsString()).get("error").asText()).contains("too large");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsCountVerdictsByReasonAndBadRequests() throws Exception {
    post("/filter", TestData.bytes("wire/filter-request-kube-scheduler.json"));
    post("/filter", new byte[0]);
    HttpResponse<Buffer> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .contains("netplane_extender_node_verdicts_total{reason=\"Fit\",verb=\"filter\"} 2.0")
        .contains(
            "netplane_extender_node_verdicts_total{reason=\"VSwitchesExhausted\",verb=\"filter\"} 1.0")
        .contains(
            "netplane_extender_node_verdicts_total{reason=\"NodeUnknown\",verb=\"filter\"} 1.0")
        .contains(
            "netplane_extender_node_verdicts_total{reason=\"CapacityUnknown\",verb=\"filter\"} 1.0")
        .contains("netplane_extender_bad_requests_total{verb=\"filter\"} 1.0")
        .contains("netplane_extender_request_duration_seconds_count{verb=\"filter\"} 1");
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains("ready");
  }

  @Test
  void notReadySourceAnswers503(Vertx vertx) throws Exception {
    DeciderSource loading =
        new DeciderSource() {
          @Override
          public ServedSnapshot served() {
            throw new IllegalStateException("must not be called while not ready");
          }

          @Override
          public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
            throw new IllegalStateException("must not be called while not ready");
          }

          @Override
          public boolean ready() {
            return false;
          }
        };
    ExtenderServer other =
        new ExtenderServer(vertx, loading, new ServerOptions("127.0.0.1", 0, BODY_LIMIT, 1));
    int port = other.start().await(10, TimeUnit.SECONDS);
    try {
      WebClient c =
          WebClient.create(
              vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      assertThat(c.get("/readyz").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      HttpResponse<Buffer> f =
          c.post("/filter")
              .sendBuffer(Buffer.buffer(TestData.bytes("wire/filter-request-kube-scheduler.json")))
              .await(10, TimeUnit.SECONDS);
      assertThat(f.statusCode()).isEqualTo(503);
    } finally {
      other.stop().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void explainListsEveryNodeWithReasons() throws Exception {
    HttpResponse<Buffer> r = get("/explain?namespace=default&pod=web-0");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = JSON.readTree(r.bodyAsString());
    assertThat(out.get("pod").asText()).isEqualTo("default/web-0");
    assertThat(out.get("network").get("kind").asText()).isEqualTo("DEFAULT");
    assertThat(out.get("nodes")).hasSize(4);
    JsonNode i1 = findNode(out, "node-i1");
    assertThat(i1.get("verdict").asText()).isEqualTo("UNSCHEDULABLE");
    assertThat(i1.get("reasons").get(0).get("id").asText()).isEqualTo("VSwitchesExhausted");
    assertThat(i1.get("reasons").get(0).get("detail").get("zone").asText())
        .isEqualTo("cn-hangzhou-i");
    // the whole message, where /filter gives kube-scheduler a short line (see the golden files)
    assertThat(i1.get("reasons").get(0).get("message").asText())
        .isEqualTo(
            "no free IPs in zone cn-hangzhou-i: vSwitches {vsw-i1=0} of eni-config eni-config"
                + " (free IPs after in-flight reservations)");
    JsonNode j1 = findNode(out, "node-j1");
    assertThat(j1.get("verdict").asText()).isEqualTo("FIT");
    assertThat(j1.get("reasons").get(0).get("id").asText()).isEqualTo("CapacityUnknown");
  }

  @Test
  void explainAlsoAnswersTheCliTablesForKubectlNetplane() throws Exception {
    HttpResponse<Buffer> text = get("/explain?namespace=default&pod=web-0&output=text");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(text.bodyAsString())
        .startsWith("POD default/web-0\n")
        .containsPattern("node-i1 +cn-hangzhou-i +UNSCHEDULABLE")
        .doesNotContain("DETAILS");
    assertThat(get("/explain?namespace=default&pod=web-0&output=wide").bodyAsString())
        .contains("DETAILS");
    HttpResponse<Buffer> bad = get("/explain?namespace=default&pod=web-0&output=html");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.bodyAsString()).get("error").asText())
        .contains("json, text or wide");
  }

  @Test
  void inventoryAnswersTheSnapshotsVSwitchesAndInstanceTypesAsCloudResponses() throws Exception {
    HttpResponse<Buffer> r = get("/inventory");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = JSON.readTree(r.bodyAsString());
    ClusterSnapshot served = decider.snapshot();
    assertThat(out.path("VSwitches").path("VSwitch")).hasSize(served.vSwitches().size());
    assertThat(out.path("InstanceTypes").path("InstanceType"))
        .hasSize(served.instanceTypes().size());
    // what a snapshot's cloud files would hold: the loader reads the same vSwitches back
    ClusterSnapshot reread =
        SnapshotLoader.fromDocuments("/inventory", List.of(out), served.takenAt()).snapshot();
    assertThat(reread.vSwitches()).isEqualTo(served.vSwitches());
    assertThat(reread.instanceTypes()).isEqualTo(served.instanceTypes());
  }

  @Test
  void explainErrorsAreJson() throws Exception {
    HttpResponse<Buffer> missing = get("/explain?namespace=default&pod=nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.bodyAsString()).get("error").asText())
        .contains("default/nope");
    HttpResponse<Buffer> noParam = get("/explain");
    assertThat(noParam.statusCode()).isEqualTo(400);
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void concurrentRequestsAllSucceed(Vertx vertx, VertxTestContext test) {
    byte[] body = TestData.bytes("wire/filter-request-kube-scheduler.json");
    var checkpoint = test.checkpoint(50);
    for (int i = 0; i < 50; i++) {
      client
          .post("/filter")
          .sendBuffer(Buffer.buffer(body))
          .onComplete(
              test.succeeding(
                  r ->
                      test.verify(
                          () -> {
                            assertThat(r.statusCode()).isEqualTo(200);
                            checkpoint.flag();
                          })));
    }
  }

  private static JsonNode findNode(JsonNode explain, String name) {
    for (JsonNode n : explain.get("nodes")) {
      if (n.get("node").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("node " + name + " missing from " + explain);
  }

  private HttpResponse<Buffer> post(String path, byte[] body) throws Exception {
    Future<HttpResponse<Buffer>> f =
        client
            .post(path)
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(body));
    return f.await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(path).send().await(10, TimeUnit.SECONDS);
  }
}
