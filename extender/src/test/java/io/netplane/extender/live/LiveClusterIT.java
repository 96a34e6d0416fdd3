package io.netplane.extender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.ReasonId;
import io.netplane.config.rules.ScoringStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Informer events against fabric8's mock API server (CRUD mode) show up in decisions. */
@EnableKubernetesMockClient(crud = true)
class LiveClusterIT {
  static KubernetesClient client;

  private static final String ZONE_H = "cn-hangzhou-h";
  private static final String ZONE_I = "cn-hangzhou-i";

  private LiveCluster live;

  @BeforeEach
  void start() {
    MockClusters.base(
        client,
        "{\"vswitches\":{\""
            + ZONE_H
            + "\":[\"vsw-h\"],\""
            + ZONE_I
            + "\":[\"vsw-i\"]},\"vswitch_selection_policy\":\"ordered\"}");
    node("n-h", ZONE_H);
    node("n-i", ZONE_I);
    client
        .genericKubernetesResources(LiveCluster.POD_NETWORKINGS)
        .resource(podNetworking("pn-web", "vsw-h", ZONE_H))
        .create();
    live =
        new LiveCluster(
            client, inventory(), Clock.systemUTC(), DecisionOptions.DEFAULT, Duration.ofMillis(20));
    live.start();
    await().atMost(Duration.ofSeconds(20)).until(live::ready);
  }

  private static Inventory inventory() {
    return Inventory.fixed(
        Map.of(
            "vsw-h", new VSwitch("vsw-h", ZONE_H, "10.0.0.0/24", "vpc-1", 10L),
            "vsw-i", new VSwitch("vsw-i", ZONE_I, "10.0.1.0/24", "vpc-1", 3L)),
        Map.of("ecs.g7.xlarge", new InstanceType("ecs.g7.xlarge", 4, 15, 14, true)));
  }

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
    // the mock API server outlives a test: leave it empty for the next one
    client.pods().inAnyNamespace().delete();
    client.nodes().delete();
    client.configMaps().inAnyNamespace().delete();
    client.genericKubernetesResources(LiveCluster.POD_NETWORKINGS).delete();
    client.namespaces().delete();
  }

  @Test
  void aPodNetworkingSelectsThePodAndPinsItsZone() {
    Decision d = decide(web("web-1"));
    assertThat(verdict(d, "n-h")).isEqualTo(Code.FIT);
    assertThat(reason(d, "n-i")).isEqualTo(ReasonId.ZONE_MISMATCH);
  }

  @Test
  void aPodNetworkingStatusUpdateMovesThePod() {
    client
        .genericKubernetesResources(LiveCluster.POD_NETWORKINGS)
        .resource(podNetworking("pn-web", "vsw-i", ZONE_I))
        .update();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Decision d = decide(web("web-1"));
              assertThat(verdict(d, "n-i")).isEqualTo(Code.FIT);
              assertThat(reason(d, "n-h")).isEqualTo(ReasonId.ZONE_MISMATCH);
            });
  }

  @Test
  void aDeletedNodeIsReportedUnknownAndANewOneIsUsed() {
    client.nodes().withName("n-h").delete();
    node("n-h2", ZONE_H);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Decision d =
                  live.current().decide(web("web-1"), List.of("n-h", "n-h2"), Purpose.FILTER);
              assertThat(d.nodes().get(0).verdict().reasons().get(0).id())
                  .isEqualTo(ReasonId.NODE_UNKNOWN);
              assertThat(d.nodes().get(1).verdict().code()).isEqualTo(Code.FIT);
            });
  }

  @Test
  void podsBoundWithoutIpReserveTheLastFreeIpsAcrossRestarts() {
    for (int i = 0; i < 3; i++) {
      client
          .pods()
          .inNamespace("default")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("api-" + i)
                  .withNamespace("default")
                  .endMetadata()
                  .withNewSpec()
                  .withNodeName("n-i")
                  .addNewContainer()
                  .withName("c")
                  .withImage("api")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
    }
    PodView pending =
        new PodView(
            "default",
            "api-9",
            "",
            Map.of(),
            List.of("ReplicaSet"),
            false,
            io.netplane.config.model.NetworkAnnotations.NONE,
            null,
            false,
            false,
            false,
            0,
            0,
            null,
            PodView.EipRequest.NONE);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(find(decide(pending), "n-i").verdict().reasons())
                    .as("pods %s", live.current().snapshot().pods())
                    .extracting(r -> r.id())
                    .contains(ReasonId.VSWITCHES_EXHAUSTED));
    assertThat(live.current().reservations()).containsEntry("vsw-i", 3L);

    // a restarted extender rebuilds the ledger from the API server: nothing lives only in memory
    live.close();
    live =
        new LiveCluster(
            client, inventory(), Clock.systemUTC(), DecisionOptions.DEFAULT, Duration.ofMillis(20));
    live.start();
    await().atMost(Duration.ofSeconds(20)).until(live::ready);
    assertThat(live.current().reservations()).containsEntry("vsw-i", 3L);
    assertThat(find(decide(pending), "n-i").verdict().reasons())
        .extracting(r -> r.id())
        .contains(ReasonId.VSWITCHES_EXHAUSTED);
  }

  @Test
  void readinessWaitsForTheInventoryWhenFailingClosed() {
    Inventory never =
        new Inventory() {
          @Override
          public Map<String, VSwitch> vSwitches() {
            return Map.of();
          }

          @Override
          public Map<String, InstanceType> instanceTypes() {
            return Map.of();
          }

          @Override
          public boolean loaded() {
            return false;
          }

          @Override
          public long generation() {
            return 0;
          }
        };
    DecisionOptions failClosed =
        new DecisionOptions(ScoringStrategy.SPREAD, DecisionOptions.UnknownCapacity.REJECT);
    try (LiveCluster waiting =
        new LiveCluster(client, never, Clock.systemUTC(), failClosed, Duration.ofMillis(20))) {
      waiting.start();
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !waiting.ready());
      assertThat(waiting.current()).isNull();
    }
  }

  private Decision decide(PodView pod) {
    return live.current().decide(pod, List.of("n-h", "n-i"), Purpose.EXPLAIN);
  }

  private static PodView web(String name) {
    return new PodView(
        "default",
        name,
        "",
        Map.of("app", "web"),
        List.of("ReplicaSet"),
        false,
        io.netplane.config.model.NetworkAnnotations.NONE,
        null,
        false,
        false,
        false,
        0,
        0,
        null,
        PodView.EipRequest.NONE);
  }

  private static Code verdict(Decision d, String node) {
    return find(d, node).verdict().code();
  }

  private static ReasonId reason(Decision d, String node) {
    return find(d, node).verdict().reasons().stream()
        .filter(r -> r.id().rejects())
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static NodeDecision find(Decision d, String node) {
    return d.nodes().stream().filter(n -> n.node().equals(node)).findFirst().orElseThrow();
  }

  private static void node(String name, String zone) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("topology.kubernetes.io/zone", zone)
                .addToLabels("node.kubernetes.io/instance-type", "ecs.g7.xlarge")
                .addToLabels("k8s.aliyun.com/exclusive-mode-eni-type", "eniOnly")
                .endMetadata()
                .withNewStatus()
                .addToAllocatable("aliyun/eni", new io.fabric8.kubernetes.api.model.Quantity("10"))
                .endStatus()
                .build())
        .create();
  }

  private static GenericKubernetesResource podNetworking(String name, String vsw, String zone) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("network.alibabacloud.com/v1beta1")
        .withKind("PodNetworking")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "selector", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "web"))),
                "vSwitchOptions", List.of(vsw)))
        .addToAdditionalProperties(
            "status",
            Map.of("status", "Ready", "vSwitches", List.of(Map.of("id", vsw, "zone", zone))))
        .build();
  }
}
