package io.netplane.agent.e2e;

import static io.netplane.agent.apply.Harness.NP;
import static io.netplane.agent.apply.Harness.POOL;
import static io.netplane.agent.apply.Harness.ZONE_H;
import static io.netplane.agent.apply.Harness.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.ClusterObserver;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.agent.run.Controller;
import io.netplane.agent.run.RecordingClient;
import io.netplane.config.e2e.LocalControlPlane;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run controller against the real kube-apiserver of deploy/local, with the CRD as shipped
 * (schema, status subresource, generation) and the fake cloud behind the real SDKs.
 */
@ExtendWith(LocalControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ControllerE2E {
  static final Duration SOON = Duration.ofSeconds(30);
  static final Path CRD = Path.of("../deploy/crds/netplane.io_fixedcidrpools.yaml");
  static final String CRD_NAME = "fixedcidrpools.netplane.io";
  static final String LEASE = "netplane-nodepool-agent";

  KubernetesClient kube;
  Harness h;
  Controller controller;

  @BeforeAll
  void start(LocalControlPlane.Cluster cluster) {
    kube = cluster.client();
    // the controller starts before its CRD exists, as when both are installed at once
    kube.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).delete();
    await("no CRD")
        .atMost(SOON)
        .until(
            () ->
                kube.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get()
                    == null);
    h = new Harness(kube);
    controller =
        controller(
            "agent-e2e",
            kube,
            h.applier,
            Duration.ofSeconds(15),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2));
  }

  Controller controller(
      String identity,
      KubernetesClient client,
      PoolApplier applier,
      Duration lease,
      Duration renew,
      Duration retry) {
    Controller c =
        new Controller(
            client,
            applier,
            new Controller.Settings(
                LEASE,
                "kube-system",
                identity,
                lease,
                renew,
                retry,
                Duration.ofMinutes(5),
                new Backoff(
                    Duration.ofMillis(200), Duration.ofSeconds(5), Integer.MAX_VALUE, Backoff.REAL),
                new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC());
    c.start();
    return c;
  }

  @AfterAll
  void stop() {
    if (controller != null) {
      controller.close();
    }
    if (h != null) {
      // not h.close(): it empties every namespace's ConfigMaps, fine for the mock only
      h.applier.close();
      h.cloud.close();
    }
  }

  FixedCidrPoolStatus status() {
    return h.poolStatus("db");
  }

  void awaitConfigured(String node) {
    await(node + " labelled and tainted")
        .atMost(SOON)
        .untilAsserted(() -> h.assertConfigured(node));
  }

  @Test
  @Order(1)
  void aReplicaStartedBeforeItsCrdBecomesReadyOnceTheCrdIsInstalled() throws Exception {
    await("unready while the CRD is missing")
        .during(Duration.ofSeconds(3))
        .atMost(SOON)
        .until(() -> !controller.ready());
    assertThat(readyz(controller)).isEqualTo(503);

    CustomResourceDefinition crd =
        kube.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).serverSideApply();
    await("CRD established")
        .atMost(SOON)
        .until(
            () ->
                kube
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .get()
                    .getStatus()
                    .getConditions()
                    .stream()
                    .anyMatch(
                        c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    await("ready: the informers retried their list")
        .atMost(Duration.ofMinutes(1))
        .until(() -> readyz(controller) == 200);
    await("agent-e2e leads").atMost(SOON).until(controller::leading);
  }

  @Test
  @Order(2)
  void aPoolIsAppliedItsStatusWrittenAndDriftRepaired() {
    h.poolNodes().createPool(POOL);

    awaitConfigured("n-h");
    awaitConfigured("n-i");
    assertThat(h.labels("web-1")).doesNotContainKey("terway-config");
    assertThat(h.eniConf("eni-config-db"))
        .isEqualTo(
            "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-h\"],\"" + ZONE_I + "\":[\"vsw-i\"]}}");
    await("status Ready")
        .atMost(SOON)
        .untilAsserted(
            () -> {
              FixedCidrPoolStatus s = status();
              assertThat(s).isNotNull();
              assertThat(s.condition(ConditionType.READY).status()).isEqualTo("True");
            });
    FixedCidrPoolStatus s = status();
    assertThat(s.observedGeneration()).as("the API server's generation").isEqualTo(1L);
    assertThat(s.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(s.nodes().configured()).containsExactly("n-h", "n-i");
    assertThat(s.conditions()).extracting(PoolCondition::status).containsOnly("True");

    kube.nodes()
        .withName("n-h")
        .edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");

    kube.configMaps().inNamespace("kube-system").withName("eni-config-db").delete();
    await("override recreated")
        .atMost(SOON)
        .untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).contains("vsw-i"));

    h.node("n-new", ZONE_I, NP);
    awaitConfigured("n-new");
  }

  @Test
  @Order(3)
  void deletingThePoolObjectRemovesWhatItSetAndKeepsTheNodes() {
    assertThat(
            kube.genericKubernetesResources(FixedCidrPools.CONTEXT)
                .withName("db")
                .get()
                .getMetadata()
                .getFinalizers())
        .containsExactly("netplane.io/cleanup");
    kube.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").delete();

    await("the object gone once cleaned up")
        .atMost(SOON)
        .until(
            () ->
                kube.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").get()
                    == null);
    for (String node : List.of("n-h", "n-i", "n-new")) {
      assertThat(h.labels(node)).doesNotContainKeys("terway-config", "netplane.io/pool");
      assertThat(h.taints(node)).isEmpty();
    }
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.cloud.nodePool(Harness.CLUSTER, NP).labels()).doesNotContainKey("terway-config");
    assertThat(kube.v1().events().inNamespace("default").list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getName()).isEqualTo("db");
              assertThat(e.getReason()).isEqualTo("CleanedUp");
              assertThat(e.getReportingComponent()).isEqualTo("netplane-nodepool-agent");
            });
  }

  @Test
  @Order(4)
  void theLeaseIsHeldAndHandedOverOnClose() {
    Lease held = kube.leases().inNamespace("kube-system").withName(LEASE).get();
    assertThat(held.getSpec().getHolderIdentity()).isEqualTo("agent-e2e");

    controller.close();
    // fabric8 releases by shortening the lease to 1 s from now (the holder name stays): the next
    // replica takes over within a second instead of after the 15 s lease duration
    Lease released = kube.leases().inNamespace("kube-system").withName(LEASE).get();
    assertThat(released.getSpec().getLeaseDurationSeconds())
        .as("released: %s", released.getSpec())
        .isEqualTo(1);
    assertThat(released.getSpec().getRenewTime()).isAfter(held.getSpec().getRenewTime());
  }

  @Test
  @Order(5)
  void aLeaderCutOffFromTheLeaseStopsBeforeItsNextWriteAndTheNextLeaderCreatesTheNodePoolOnce()
      throws Exception {
    RecordingClient rec = new RecordingClient(kube);
    KubeCluster k = new KubeCluster(rec.client);
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 3, Backoff.REAL);
    Controller a = null;
    Controller b = null;
    try (PoolApplier applierA =
        new PoolApplier(
            k,
            h.cloudSide,
            new ClusterObserver(k, h.cloudSide, backoff, Clock.systemUTC()),
            backoff,
            4)) {
      a =
          controller(
              "agent-a",
              rec.client,
              applierA,
              Duration.ofSeconds(3),
              Duration.ofSeconds(2),
              Duration.ofMillis(200));
      await("agent-a leads").atMost(SOON).until(a::leading);
      b =
          controller(
              "agent-b",
              kube,
              h.applier,
              Duration.ofSeconds(3),
              Duration.ofSeconds(2),
              Duration.ofMillis(200));
      Controller standby = b;
      await("agent-b synced").atMost(SOON).until(standby::ready);

      h.cloud.clearCalls();
      h.cloud.delay("DescribeVSwitches", Duration.ofSeconds(3));
      h.createPool(
          POOL.replace("name: db", "name: db2")
              .replace(
                  "nodePool: {id: np1}",
                  "nodePool: {create: {name: db2-new, instanceTypes: [ecs.g7.xlarge], desiredSize: 2, vSwitchIds: [vsw-node-h]}}"));
      await("agent-a observing")
          .atMost(SOON)
          .until(() -> !h.cloud.calls("DescribeClusterNodePools").isEmpty());
      rec.cutLease();
      int writesBefore = rec.writes().size();
      Controller leader = a;
      await("agent-a stepped down").atMost(SOON).until(() -> !leader.leading());
      await("agent-b leads").atMost(SOON).until(standby::leading);
      h.cloud.clearFaults();

      await("db2 Ready")
          .atMost(SOON)
          .untilAsserted(
              () -> {
                FixedCidrPoolStatus s = h.poolStatus("db2");
                assertThat(s).isNotNull();
                assertThat(s.condition(ConditionType.READY).status()).isEqualTo("True");
              });
      await("agent-a gave up its reconcile")
          .atMost(SOON)
          .untilAsserted(
              () ->
                  assertThat(scrape(leader))
                      .containsPattern(
                          "(?m)^netplane_agent_reconcile_total\\{result=\"abandoned\"} [1-9]"));
      assertThat(rec.writes().subList(writesBefore, rec.writes().size()))
          .as("agent-a's writes after the cut")
          .isEmpty();
      assertThat(h.cloud.calls("CreateClusterNodePool")).hasSize(1);
      assertThat(h.cloud.nodePools(Harness.CLUSTER))
          .filteredOn(p -> "db2-new".equals(p.name()))
          .hasSize(1);
    } finally {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      rec.client.close();
    }
  }

  static int readyz(Controller c) throws Exception {
    return get(c, "/readyz").statusCode();
  }

  static String scrape(Controller c) throws Exception {
    return get(c, "/metrics").body();
  }

  static HttpResponse<String> get(Controller c, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.healthPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
