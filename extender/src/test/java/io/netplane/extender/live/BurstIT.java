package io.netplane.extender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Purpose;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of pods against a vSwitch with few free IPs, scheduled the way kube-scheduler does:
 * filter, pick a fit node, bind in the background and go on with the next pod at once.
 */
@EnableKubernetesMockClient(crud = true)
class BurstIT {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final int FREE_IPS = 10;
  private static final int PODS = 50;
  private static final List<String> NODES = List.of("j-1", "j-2", "j-3");

  private LiveCluster live;

  @BeforeEach
  void start() {
    ZoneJ.create(client, NODES);
    live =
        new LiveCluster(
            client,
            ZoneJ.inventory(FREE_IPS),
            Clock.systemUTC(),
            DecisionOptions.DEFAULT,
            Duration.ofMillis(20));
    live.start();
    await().atMost(Duration.ofSeconds(20)).until(live::ready);
  }

  @AfterEach
  void stop() {
    live.close();
    ZoneJ.delete(client);
  }

  @Test
  void noMoreThanTheFreeIpsAreAdmittedBeforeTheCloudRefreshes() {
    AtomicInteger admitted = new AtomicInteger();
    List<CompletableFuture<?>> bindings = new java.util.ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      Pod pod =
          client
              .pods()
              .inNamespace("default")
              .resource(
                  new PodBuilder()
                      .withNewMetadata()
                      .withName("burst-" + i)
                      .withNamespace("default")
                      .endMetadata()
                      .withNewSpec()
                      .addNewContainer()
                      .withName("c")
                      .withImage("app")
                      .endContainer()
                      .endSpec()
                      .build())
              .create();
      PodView view =
          KubeObjects.pod(
              client
                  .getKubernetesSerialization()
                  .convertValue(pod, com.fasterxml.jackson.databind.JsonNode.class));

      Decision filtered = live.filter(view, NODES).decision();
      String node =
          filtered.nodes().stream()
              .filter(n -> n.verdict().fits())
              .map(NodeDecision::node)
              .findFirst()
              .orElse(null);
      if (node != null) {
        admitted.incrementAndGet();
        // binding happens off the scheduling loop, as in kube-scheduler
        bindings.add(
            CompletableFuture.runAsync(
                () ->
                    client
                        .pods()
                        .inNamespace("default")
                        .withName(pod.getMetadata().getName())
                        .edit(
                            p ->
                                new PodBuilder(p)
                                    .editSpec()
                                    .withNodeName(node)
                                    .endSpec()
                                    .build())));
      }
    }
    bindings.forEach(CompletableFuture::join);

    assertThat(admitted.get()).isEqualTo(FREE_IPS);
    // once the bindings are in a snapshot, the ledger alone keeps the zone closed
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(live.current().reservations()).containsEntry("vsw-j", (long) FREE_IPS));
    PodView late =
        KubeObjects.pod(
            client
                .getKubernetesSerialization()
                .convertValue(
                    new PodBuilder()
                        .withNewMetadata()
                        .withName("late")
                        .withNamespace("default")
                        .withUid("late-uid")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("c")
                        .withImage("app")
                        .endContainer()
                        .endSpec()
                        .build(),
                    com.fasterxml.jackson.databind.JsonNode.class));
    assertThat(live.decide(late, NODES, Purpose.FILTER).decision().fitCount()).isZero();
    assertThat(MockClusters.scrape(live))
        .contains(
            "netplane_vswitch_reserved_ips{kind=\"inflight\",vswitch=\"vsw-j\",zone=\"cn-hangzhou-j\"} 10.0");
  }

  @Test
  void anIpHeldForAFilteredPodShowsPerVSwitch() {
    Pod pod =
        client
            .pods()
            .inNamespace("default")
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("held")
                    .withNamespace("default")
                    .withUid("held-uid")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("app")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    live.filter(
        KubeObjects.pod(
            client
                .getKubernetesSerialization()
                .convertValue(pod, com.fasterxml.jackson.databind.JsonNode.class)),
        NODES);
    assertThat(MockClusters.scrape(live))
        .contains(
            "netplane_vswitch_reserved_ips{kind=\"held\",vswitch=\"vsw-j\",zone=\"cn-hangzhou-j\"} 1.0");
  }

  @Test
  void filterCallsForPodsThatDoNotExistDoNotKeepARealPodOut() {
    for (int i = 0; i < FREE_IPS; i++) {
      PodView ghost =
          view(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("ghost-" + i)
                  .withNamespace("default")
                  .withUid("made-up-" + i)
                  .endMetadata()
                  .withNewSpec()
                  .endSpec()
                  .build());
      live.filter(ghost, NODES);
    }
    PodView real = view(create("real"));
    assertThat(live.decide(real, NODES, Purpose.FILTER).decision().fitCount()).isZero();
    // the made-up pods' holds lapse after the short grace, not after the 30 s of a real pod's
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> live.decide(real, NODES, Purpose.FILTER).decision().fitCount() > 0);
  }

  @Test
  void aFilteredPodDeletedBeforeItsBindingFreesItsIpAtOnce() {
    List<Pod> pods = new java.util.ArrayList<>();
    for (int i = 0; i < FREE_IPS; i++) {
      Pod pod = create("held-" + i);
      pods.add(pod);
      live.filter(view(pod), NODES);
    }
    PodView next = view(create("next"));
    // real pods' holds outlast the grace given to pods the informer has not seen
    await()
        .during(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(4))
        .until(() -> live.decide(next, NODES, Purpose.FILTER).decision().fitCount() == 0);

    client.pods().inNamespace("default").withName(pods.get(0).getMetadata().getName()).delete();
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> live.decide(next, NODES, Purpose.FILTER).decision().fitCount() > 0);
  }

  @Test
  void aPodKeptOutByAHoldIsMarkedForARetryWhenThatHoldEndsWithoutABinding()
      throws InterruptedException {
    List<Pod> holders = new java.util.ArrayList<>();
    for (int i = 0; i < FREE_IPS; i++) {
      holders.add(create("holder-" + i));
    }
    Pod kept = create("kept");
    // once the informer knows them all: the holders take every IP, the last pod fits nowhere
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              holders.forEach(p -> live.filter(view(p), NODES));
              return live.filter(view(kept), NODES).decision().fitCount() == 0
                  && live.podsWaitingOnHolds() == 1;
            });

    // a binding ends a hold too, but kube-scheduler sees bindings itself: no mark for it
    client
        .pods()
        .inNamespace("default")
        .withName(holders.get(1).getMetadata().getName())
        .edit(p -> new PodBuilder(p).editSpec().withNodeName("j-1").endSpec().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> live.holds() == FREE_IPS - 1);
    assertThat(live.podsWaitingOnHolds()).isEqualTo(1);

    client.pods().inNamespace("default").withName(holders.get(0).getMetadata().getName()).delete();
    // the mock API server refuses strategic merge patches (the real one applies them: see the E2E
    // tests), so the test checks what was sent, and that the refusal was counted
    RecordedRequest mark = null;
    for (RecordedRequest r;
        mark == null && (r = server.takeRequest(10, TimeUnit.SECONDS)) != null; ) {
      if (r.getMethod().equals("PATCH") && r.getPath().endsWith("/status")) {
        mark = r;
      }
    }
    assertThat(mark).isNotNull();
    assertThat(mark.getPath()).isEqualTo("/api/v1/namespaces/default/pods/kept/status");
    assertThat(mark.getHeader("Content-Type")).startsWith("application/strategic-merge-patch+json");
    assertThat(live.podsWaitingOnHolds()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> live.podRetries(false) == 1);
    assertThat(MockClusters.scrape(live))
        .contains("netplane_pod_retries_total{result=\"error\"} 1.0");
  }

  private Pod create(String name) {
    return client
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

  private static PodView view(Pod pod) {
    return KubeObjects.pod(
        client
            .getKubernetesSerialization()
            .convertValue(pod, com.fasterxml.jackson.databind.JsonNode.class));
  }
}
