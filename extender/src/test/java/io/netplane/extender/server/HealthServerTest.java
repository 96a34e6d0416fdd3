package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.extender.TestData;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthServerTest {
  private final AtomicBoolean ready = new AtomicBoolean();
  private final DeciderSource source = DeciderSource.of(published(), ready::get);

  private static DeciderSlot published() {
    DeciderSlot slot = new DeciderSlot(DeciderSlot.Holds.NONE);
    slot.publish(TestData.cluster());
    return slot;
  }

  private final ExtenderMetrics metrics = new ExtenderMetrics();
  private HealthServer health;

  @AfterEach
  void stop() throws Exception {
    if (health != null) {
      health.stop().await(10, TimeUnit.SECONDS);
    }
  }

  private WebClient start(Vertx vertx) throws Exception {
    health = new HealthServer(vertx, source, metrics, "127.0.0.1", 0);
    int port = health.start().await(10, TimeUnit.SECONDS);
    return WebClient.create(
        vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private static HttpResponse<Buffer> get(WebClient client, String path) throws Exception {
    return client.get(path).send().await(10, TimeUnit.SECONDS);
  }

  private static int postStatus(WebClient client, String path) throws Exception {
    return client
        .post(path)
        .sendBuffer(Buffer.buffer("{}"))
        .await(10, TimeUnit.SECONDS)
        .statusCode();
  }

  @Test
  void servesHealthReadinessAndMetricsOverPlainHttp(Vertx vertx) throws Exception {
    WebClient client = start(vertx);
    assertThat(get(client, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(client, "/readyz").statusCode()).isEqualTo(503);
    ready.set(true);
    assertThat(get(client, "/readyz").statusCode()).isEqualTo(200);
    metrics.requestTook("filter", 1_000_000);
    HttpResponse<Buffer> scrape = get(client, "/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.bodyAsString())
        .contains("netplane_extender_request_duration_seconds_count{verb=\"filter\"} 1");
  }

  @Test
  void metricsDescribeTheJvmTheProcessAndTheBuildBeforeAnyRequest(Vertx vertx) throws Exception {
    WebClient client = start(vertx);
    String scrape = get(client, "/metrics").bodyAsString();
    assertThat(scrape)
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("jvm_gc_live_data_size_bytes")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_cpu_usage")
        .contains("process_files_open_files")
        .contains("process_files_max_files")
        .contains("process_uptime_seconds")
        .containsPattern("netplane_build_info\\{version=\"\\d+\\.\\d+\\.\\d+[^\"]*\"\\} 1");
  }

  @Test
  void theLocalListenerServesExplainAndInventoryOnLoopbackButNoVerbs(Vertx vertx) throws Exception {
    health = HealthServer.local(vertx, source, metrics, 0, ConnectionLimits.HEALTH_DEFAULTS);
    int port = health.start().await(10, TimeUnit.SECONDS);
    WebClient client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    assertThat(get(client, "/explain?namespace=default&pod=web-0").statusCode()).isEqualTo(503);
    ready.set(true);
    assertThat(get(client, "/explain?namespace=default&pod=web-0").bodyAsString())
        .contains("\"pod\":\"default/web-0\"");
    assertThat(get(client, "/inventory").bodyAsString()).contains("\"VSwitches\"");
    assertThat(get(client, "/readyz").statusCode()).isEqualTo(200);
    // kube-scheduler's verbs only on the main port
    assertThat(postStatus(client, "/filter")).isEqualTo(404);
    // bound to loopback: not reachable on the host's other addresses
    String other = nonLoopbackAddress();
    if (other != null) {
      WebClient outside =
          WebClient.create(
              vertx, new WebClientOptions().setDefaultHost(other).setDefaultPort(port));
      assertThat(outside.get("/readyz").send().toCompletionStage().toCompletableFuture())
          .failsWithin(java.time.Duration.ofSeconds(10));
    }
  }

  private static String nonLoopbackAddress() throws Exception {
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (var a : java.util.Collections.list(nic.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
          return a.getHostAddress();
        }
      }
    }
    return null;
  }

  @Test
  void servesNoDecisionsAndNoPodData(Vertx vertx) throws Exception {
    WebClient client = start(vertx);
    ready.set(true);
    assertThat(postStatus(client, "/filter")).isEqualTo(404);
    assertThat(postStatus(client, "/prioritize")).isEqualTo(404);
    assertThat(get(client, "/explain?namespace=default&pod=web-0").statusCode()).isEqualTo(404);
    assertThat(get(client, "/inventory").statusCode()).isEqualTo(404);
  }
}
