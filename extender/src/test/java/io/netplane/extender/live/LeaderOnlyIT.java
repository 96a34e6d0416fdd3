package io.netplane.extender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two extender replicas with {@code --leader-elect} over fabric8's mock API server (CRUD mode),
 * each with its own client, informers, IP holds and HTTP server: only the one holding the Lease
 * answers; the other takes over when it closes or can no longer renew.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderOnlyIT {
  static KubernetesClient client;
  static Vertx vertx;

  /**
   * The Lease stores whole seconds; the renew deadline and retry period are as serve derives them.
   */
  private static final Duration LEASE = Duration.ofSeconds(3);

  private static final Duration RENEW = Duration.ofSeconds(2);

  /** A request's round trip and Awaitility's polling, on a busy machine. */
  private static final Duration SLACK = Duration.ofMillis(700);

  private static final List<String> NODES = List.of("j-1", "j-2");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Replica> replicas = new ArrayList<>();

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void cluster() {
    ZoneJ.create(client, NODES);
  }

  @AfterEach
  void stop() {
    replicas.forEach(Replica::close);
    client.leases().inAnyNamespace().delete();
    ZoneJ.delete(client);
  }

  @Test
  void onlyTheLeaderAnswersAndTheStandbyTakesOverWithinTheLeaseDurationWhenItCloses()
      throws Exception {
    Replica a = leader("extender-a");
    Replica b = replica("extender-b");
    await("extender-b synced").atMost(Duration.ofSeconds(20)).until(b.live::ready);
    createPod("web-0");

    HttpResponse<String> answered = a.post("/filter", filterArgs("web-0"));
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.body()).contains("\"NodeNames\":[\"j-1\",\"j-2\"]");
    assertThat(a.live.holds()).isEqualTo(1);

    for (String verb : List.of("/filter", "/prioritize", "/preempt")) {
      HttpResponse<String> refused =
          b.post(verb, verb.equals("/preempt") ? preemptArgs("web-0") : filterArgs("web-0"));
      assertThat(refused.statusCode()).as(verb).isEqualTo(503);
      assertThat(refused.body())
          .as(verb)
          .contains("not the leader: extender-a leads (lease kube-system/netplane-extender)");
    }
    assertThat(b.live.holds()).as("a standby holds nothing").isZero();
    assertThat(b.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(b.get("/readyz").body()).contains("not the leader");
    assertThat(b.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(a.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(a.get("/metrics").body()).contains("netplane_extender_leader 1.0");
    assertThat(b.get("/metrics").body()).contains("netplane_extender_leader 0.0");

    a.close();
    long closed = System.nanoTime();
    await("extender-b answers /filter")
        .atMost(LEASE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> b.post("/filter", filterArgs("web-0")).statusCode() == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("failover").isLessThan(LEASE);
    assertThat(b.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(b.get("/metrics").body()).contains("netplane_extender_leader 1.0");
  }

  @Test
  void aLeaderCutOffFromTheApiServerStopsAnsweringWithinTheRenewDeadlineAndDropsItsHolds()
      throws Exception {
    Replica a = leader("extender-a");
    Replica b = replica("extender-b");
    createPod("web-0");
    assertThat(a.post("/filter", filterArgs("web-0")).statusCode()).isEqualTo(200);
    assertThat(a.live.holds()).isEqualTo(1);

    a.cutOff();
    long cut = System.nanoTime();
    await("extender-a refuses /filter")
        .atMost(RENEW.plus(SLACK))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> a.post("/filter", filterArgs("web-0")).statusCode() == 503);
    assertThat(Duration.ofNanos(System.nanoTime() - cut))
        .as("from the cut to the first 503")
        .isLessThan(RENEW.plus(SLACK));
    assertThat(a.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(a.get("/metrics").body()).contains("netplane_extender_leader 0.0");
    await("extender-a dropped its holds").atMost(LEASE).until(() -> a.live.holds() == 0);

    // the standby waits out the lease the cut-off leader last renewed, then answers
    await("extender-b answers /filter")
        .atMost(LEASE.plus(RENEW))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> b.post("/filter", filterArgs("web-0")).statusCode() == 200);
    assertThat(a.post("/filter", filterArgs("web-0")).statusCode())
        .as("the cut-off replica, still")
        .isEqualTo(503);
  }

  /** A replica, started, once it leads. */
  private Replica leader(String identity) throws Exception {
    Replica r = replica(identity);
    await(identity + " leads and is ready").atMost(Duration.ofSeconds(20)).until(r.gate::ready);
    return r;
  }

  private Replica replica(String identity) throws Exception {
    Replica r = new Replica(identity);
    replicas.add(r);
    return r;
  }

  private static void createPod(String name) {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid(name + "-uid")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("app")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static String pod(String name) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"uid\":\""
        + name
        + "-uid\"},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"app\"}]}}";
  }

  private static String filterArgs(String pod) {
    return "{\"Pod\":" + pod(pod) + ",\"NodeNames\":[\"j-1\",\"j-2\"]}";
  }

  private static String preemptArgs(String pod) {
    return "{\"Pod\":"
        + pod(pod)
        + ",\"NodeNameToMetaVictims\":{\"j-1\":{\"Pods\":[{\"UID\":\"v-uid\"}]}}}";
  }

  /**
   * One extender process: its own client of the mock API server (which {@link #cutOff()} sends to a
   * port nothing listens on, as with the API server unreachable), live cluster, leader gate,
   * metrics and HTTP server.
   */
  private final class Replica implements AutoCloseable {
    private volatile boolean cut;
    final KubernetesClient kube;
    final LiveCluster live;
    final LeaderOnly gate;
    final ExtenderMetrics metrics = new ExtenderMetrics();
    final ExtenderServer server;
    final int port;
    private boolean closed;

    Replica(String identity) throws Exception {
      kube =
          new KubernetesClientBuilder()
              .withConfig(client.getConfiguration())
              .withHttpClientBuilderConsumer(
                  b ->
                      b.addOrReplaceInterceptor(
                          "cut",
                          new Interceptor() {
                            @Override
                            public void before(
                                BasicBuilder builder, HttpRequest request, RequestTags tags) {
                              if (cut) {
                                builder.uri(
                                    URI.create("http://127.0.0.1:1" + request.uri().getRawPath()));
                              }
                            }
                          }))
              .build();
      live =
          new LiveCluster(
              kube,
              ZoneJ.inventory(10),
              Clock.systemUTC(),
              DecisionOptions.DEFAULT,
              Duration.ofMillis(20));
      live.start();
      gate =
          new LeaderOnly(
              kube,
              live,
              new LeaseElection.Settings(
                  "netplane-extender", "kube-system", identity, LEASE, RENEW, RENEW.dividedBy(5)));
      LiveMetrics.bind(metrics, live);
      LiveMetrics.bind(metrics, gate);
      gate.start();
      server =
          new ExtenderServer(
              vertx,
              gate,
              new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_MAX_BODY_BYTES, 1),
              metrics);
      port = server.start().await(10, TimeUnit.SECONDS);
    }

    void cutOff() {
      cut = true;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
      return http.send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString(body))
              .build(),
          BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .build(),
          BodyHandlers.ofString());
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        server.stop().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        gate.close();
        live.close();
        kube.close();
      }
    }
  }
}
