package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.extender.TestData;
import io.netplane.extender.wire.RequestDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a request may cost, and requests no scheduler sends: a clear answer, never a 5xx. */
@ExtendWith(VertxExtension.class)
class RequestLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POD =
      "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";
  // a lone high surrogate, as a JSON escape: no UTF-8 encodes it, Go's decoder reads it as U+FFFD
  private static final String LONE_SURROGATE = "\\ud800";

  private ExtenderServer server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_MAX_BODY_BYTES, 1));
    int port = server.start().await(10, TimeUnit.SECONDS);
    client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aLoneSurrogateInANodeNameFailsThatNodeOnFilter() throws Exception {
    HttpResponse<Buffer> r =
        post(
            "/filter",
            "{\"Pod\":" + POD + ",\"NodeNames\":[\"node-h1\",\"x" + LONE_SURROGATE + "\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = JSON.readTree(r.bodyAsString());
    assertThat(out.get("Error").asText()).isEmpty();
    assertThat(out.get("NodeNames")).extracting(JsonNode::asText).containsExactly("node-h1");
    assertThat(out.get("FailedNodes").get("x\uFFFD").asText()).isEqualTo("netplane: NodeUnknown");
  }

  @Test
  void aLoneSurrogateInANodeNameScoresThatNodeZeroOnPrioritize() throws Exception {
    HttpResponse<Buffer> r =
        post(
            "/prioritize",
            "{\"Pod\":" + POD + ",\"NodeNames\":[\"node-h1\",\"" + LONE_SURROGATE + "\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode out = JSON.readTree(r.bodyAsString());
    assertThat(out.get(1).get("Host").asText()).isEqualTo("\uFFFD");
    assertThat(out.get(1).get("Score").asInt()).isZero();
  }

  @Test
  void aLoneSurrogateInThePodIsNoServerError() throws Exception {
    String pod = POD.replace("web-1", "web-" + LONE_SURROGATE).replace("default", LONE_SURROGATE);
    for (String verb : new String[] {"/filter", "/prioritize"}) {
      HttpResponse<Buffer> r =
          post(verb, "{\"Pod\":" + pod + ",\"NodeNames\":[\"node-h1\",\"ghost\"]}");
      assertThat(r.statusCode()).as(verb).isEqualTo(200);
      assertThat(r.bodyAsString()).as(verb).doesNotContain("internal error");
    }
  }

  @Test
  void asManyNamesAsTheLimitAreAnsweredOneMoreGets400WithAOneLineReason() throws Exception {
    int limit = RequestDecoder.maxNames(TestData.cluster().nodeCount());
    assertThat(post("/filter", namesBody(limit)).statusCode()).isEqualTo(200);

    for (String verb : new String[] {"/filter", "/prioritize"}) {
      HttpResponse<Buffer> r = post(verb, namesBody(limit + 1));
      assertThat(r.statusCode()).as(verb).isEqualTo(400);
      assertThat(JSON.readTree(r.bodyAsString()).get("error").asText())
          .isEqualTo(
              "ExtenderArgs.NodeNames lists more than "
                  + limit
                  + " nodes, the most a request may name");
    }
    assertThat(client.get("/healthz").send().await(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aNodesModeRequestIsLimitedLikeNodeNames() throws Exception {
    int limit = RequestDecoder.maxNames(TestData.cluster().nodeCount());
    StringBuilder items = new StringBuilder();
    for (int i = 0; i <= limit; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"metadata\":{\"name\":\"n")
          .append(i)
          .append("\"}}");
    }
    HttpResponse<Buffer> r =
        post(
            "/filter",
            "{\"Pod\":" + POD + ",\"Nodes\":{\"items\":[" + items + "]},\"NodeNames\":null}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.bodyAsString()).get("error").asText())
        .contains("Nodes.items lists more than " + limit);
  }

  @Test
  void aPodLargerThanAnyTheApiServerStoresGets400() throws Exception {
    String huge = "x".repeat(5 << 20);
    String pod =
        POD.replace("\"namespace\"", "\"annotations\":{\"a\":\"" + huge + "\"},\"namespace\"");
    HttpResponse<Buffer> r = post("/filter", "{\"Pod\":" + pod + ",\"NodeNames\":[\"node-h1\"]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.bodyAsString()).get("error").asText())
        .startsWith("ExtenderArgs.Pod is ");
  }

  private static String namesBody(int count) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < count; i++) {
      names
          .append(i == 0 ? "\"" : ",\"")
          .append(i % 2 == 0 ? "node-h1" : "unknown-" + i)
          .append('"');
    }
    return "{\"Pod\":" + POD + ",\"Nodes\":null,\"NodeNames\":[" + names + "]}";
  }

  private HttpResponse<Buffer> post(String path, String body) throws Exception {
    return client
        .post(path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body))
        .await(20, TimeUnit.SECONDS);
  }
}
