package io.netplane.agent.run;

import static io.netplane.agent.apply.Harness.NP;
import static io.netplane.agent.apply.Harness.POOL;
import static io.netplane.agent.apply.Harness.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.ClusterObserver;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.config.cloud.CloudInventory;
import io.netplane.config.cloud.fake.Fault;
import io.netplane.config.fixtures.KubeFixtures;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run controller against fabric8's mock API server (CRUD) and the fake cloud. */
@EnableKubernetesMockClient(crud = true)
class ControllerIT {
  static KubernetesClient client;
  static final Duration SOON = Duration.ofSeconds(30);

  Harness h;
  final List<Controller> controllers = new ArrayList<>();
  final List<PoolApplier> appliers = new ArrayList<>();
  final List<KubernetesClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    h = new Harness(client).poolNodes();
  }

  @AfterEach
  void stop() {
    controllers.forEach(Controller::close);
    appliers.forEach(PoolApplier::close);
    clients.forEach(KubernetesClient::close);
    // no controller is left to honour the finalizer
    for (var pool : client.genericKubernetesResources(FixedCidrPools.CONTEXT).list().getItems()) {
      client
          .genericKubernetesResources(FixedCidrPools.CONTEXT)
          .withName(pool.getMetadata().getName())
          .edit(
              r -> {
                r.getMetadata().setFinalizers(List.of());
                return r;
              });
    }
    client.genericKubernetesResources(FixedCidrPools.CONTEXT).delete();
    client.leases().inAnyNamespace().delete();
    client.v1().events().inAnyNamespace().delete();
    h.close();
  }

  static Controller.Settings settings(String identity) {
    return new Controller.Settings(
        "netplane-nodepool-agent",
        "kube-system",
        identity,
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofMillis(200),
        Duration.ofMinutes(5),
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Integer.MAX_VALUE, Backoff.REAL),
        new InetSocketAddress("127.0.0.1", 0));
  }

  Controller controller(String identity) {
    return controller(identity, client, h.applier);
  }

  Controller controller(String identity, KubernetesClient kube, PoolApplier applier) {
    Controller c = new Controller(kube, applier, settings(identity), Clock.systemUTC());
    controllers.add(c);
    c.start();
    return c;
  }

  /** An applier writing through {@code kube}, to the harness's fake cloud (or {@code cloud}). */
  PoolApplier applier(KubernetesClient kube, Cloud cloud) {
    KubeCluster k = new KubeCluster(kube);
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 3, Backoff.REAL);
    PoolApplier a =
        new PoolApplier(
            k, cloud, new ClusterObserver(k, cloud, backoff, Clock.systemUTC()), backoff, 4);
    appliers.add(a);
    return a;
  }

  /** A client of the mock API server that records every request it sends. */
  RecordingClient recording() {
    RecordingClient r = new RecordingClient(client);
    clients.add(r.client);
    return r;
  }

  List<Event> events(String pool) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(
            e ->
                pool.equals(e.getInvolvedObject().getName())
                    && "FixedCidrPool".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  void awaitEvent(String pool, String type, String reason, String messagePart) {
    await(pool + " event " + reason)
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(events(pool))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo(type);
                          assertThat(e.getReason()).isEqualTo(reason);
                          assertThat(e.getMessage()).contains(messagePart);
                          assertThat(e.getSource().getComponent())
                              .isEqualTo("netplane-nodepool-agent");
                          assertThat(e.getReportingComponent())
                              .isEqualTo("netplane-nodepool-agent");
                        }));
  }

  Controller leader() {
    Controller c = controller("agent-a");
    await("agent-a leads").atMost(SOON).until(c::leading);
    return c;
  }

  FixedCidrPoolStatus status(String pool) {
    return h.poolStatus(pool);
  }

  PoolCondition condition(String pool, ConditionType type) {
    FixedCidrPoolStatus s = status(pool);
    return s == null ? null : s.condition(type);
  }

  void awaitReady(String pool) {
    await(pool + " Ready")
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(condition(pool, ConditionType.READY))
                    .isNotNull()
                    .extracting(PoolCondition::status)
                    .isEqualTo("True"));
  }

  void awaitCondition(
      String pool, ConditionType type, String status, String reason, String messageStart) {
    await(pool + " " + type.value() + "=" + status + " " + reason)
        .atMost(SOON)
        .untilAsserted(
            () -> {
              PoolCondition c = condition(pool, type);
              assertThat(c).isNotNull();
              assertThat(c.status()).isEqualTo(status);
              assertThat(c.reason()).isEqualTo(reason);
              assertThat(c.message()).startsWith(messageStart);
            });
  }

  void awaitConfigured(String node) {
    await(node + " labelled and tainted")
        .atMost(SOON)
        .untilAsserted(() -> h.assertConfigured(node));
  }

  @Test
  void aNewPoolIsAppliedAndItsStatusWritten() {
    leader();
    h.createPool(POOL);
    awaitReady("db");

    awaitConfigured("n-h");
    awaitConfigured("n-i");
    assertThat(h.labels("web-1")).doesNotContainKey("terway-config");
    assertThat(h.eniConf("eni-config-db")).contains("vsw-h").contains("vsw-i");
    assertThat(h.cloud.nodePool(Harness.CLUSTER, NP).labels())
        .containsEntry("terway-config", "eni-config-db");
    FixedCidrPoolStatus s = status("db");
    assertThat(s.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(s.nodes().configured()).containsExactly("n-h", "n-i");
    assertThat(s.conditions())
        .extracting(PoolCondition::type, PoolCondition::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True"),
            org.assertj.core.groups.Tuple.tuple("CapacitySufficient", "True"),
            org.assertj.core.groups.Tuple.tuple("NodesConfigured", "True"),
            org.assertj.core.groups.Tuple.tuple("NodePoolSynced", "True"));
  }

  @Test
  void aSpecChangeIsApplied() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    Long generation = status("db").observedGeneration();

    client
        .genericKubernetesResources(FixedCidrPools.CONTEXT)
        .withName("db")
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              var spec = (java.util.Map<String, Object>) r.getAdditionalProperties().get("spec");
              spec.put("labels", java.util.Map.of("team", "payments"));
              return r;
            });

    await("the new label on the pool's nodes")
        .atMost(SOON)
        .untilAsserted(() -> assertThat(h.labels("n-h")).containsEntry("team", "payments"));
    await("status of the new generation")
        .atMost(SOON)
        .untilAsserted(
            () -> assertThat(status("db").observedGeneration()).isGreaterThan(generation));
  }

  @Test
  void aLabelOrTaintRemovedFromANodeIsRepaired() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    awaitConfigured("n-h");

    client
        .nodes()
        .withName("n-h")
        .edit(
            n ->
                new NodeBuilder(n)
                    .editMetadata()
                    .removeFromLabels("terway-config")
                    .endMetadata()
                    .build());
    awaitConfigured("n-h");

    client
        .nodes()
        .withName("n-h")
        .edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");
  }

  @Test
  void anEditedOrDeletedOverrideConfigMapIsRepaired() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    String wanted = h.eniConf("eni-config-db");

    client
        .configMaps()
        .inNamespace("kube-system")
        .withName("eni-config-db")
        .edit(
            cm -> {
              cm.getData().put("eni_conf", "{\"vswitches\":{}}");
              return cm;
            });
    await("override restored")
        .atMost(SOON)
        .untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).isEqualTo(wanted));

    client.configMaps().inNamespace("kube-system").withName("eni-config-db").delete();
    await("override recreated")
        .atMost(SOON)
        .untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).isEqualTo(wanted));
  }

  @Test
  void aNodeJoiningThePoolIsLabelledAndTainted() {
    leader();
    h.createPool(POOL);
    awaitReady("db");

    h.node("n-new", ZONE_H, NP);
    awaitConfigured("n-new");
    await("the new node counted")
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(status("db").nodes().configured())
                    .containsExactly("n-h", "n-i", "n-new"));
  }

  @Test
  void aCloudErrorShowsItsCodeInTheStatusAndIsRetriedToSuccess() {
    Controller c = leader();
    h.cloud.failAlways("ModifyClusterNodePool", Fault.throttling());
    h.createPool(POOL);

    awaitCondition(
        "db", ConditionType.NODE_POOL_SYNCED, "False", "CloudError", "Throttling.User: ");
    assertThat(condition("db", ConditionType.READY).status()).isEqualTo("False");
    await("retried").atMost(SOON).until(() -> c.metrics().count(Outcome.FAILED) >= 2);
    awaitEvent("db", "Warning", "CloudError", "Throttling.User");
    assertThat(events("db"))
        .filteredOn(e -> "CloudError".equals(e.getReason()))
        .as("one event counting the retries")
        .hasSize(1);

    h.cloud.clearFaults();
    awaitReady("db");
    assertThat(condition("db", ConditionType.NODE_POOL_SYNCED).status()).isEqualTo("True");
  }

  @Test
  void anInvalidSpecGetsAConditionListingEveryErrorAndChangesNothing() {
    Controller c = leader();
    h.createPool(
        POOL.replace("[vsw-h, vsw-i]", "[vsw-h, vsw-h]")
            .replace("expectedPods: 100", "expectedPods: 0"));

    await("InvalidConfiguration")
        .atMost(SOON)
        .untilAsserted(
            () -> {
              PoolCondition ready = condition("db", ConditionType.READY);
              assertThat(ready).isNotNull();
              assertThat(ready.reason()).isEqualTo("InvalidConfiguration");
              assertThat(ready.message())
                  .startsWith("2 error(s): ")
                  .contains("spec.podVSwitchIds[1]: Duplicate value")
                  .contains("spec.expectedPods: Invalid value: 0");
            });
    // the outcome is counted once the status is written: wait for it too
    await("counted invalid").atMost(SOON).until(() -> c.metrics().count(Outcome.INVALID) > 0);
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.labels("n-h")).doesNotContainKey("terway-config");
    assertThat(h.cloud.calls()).isEmpty();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() {
    Controller a = leader();
    Controller b = controller("agent-b");
    await("agent-b synced").atMost(SOON).until(b::ready);
    h.createPool(POOL);
    awaitReady("db");
    awaitConfigured("n-h");
    assertThat(b.leading()).isFalse();
    await("agent-a counted a converged reconcile")
        .atMost(SOON)
        .until(() -> a.metrics().count(Outcome.CONVERGED) > 0);
    assertThat(b.metrics().count(Outcome.CONVERGED)).isZero();

    a.close();
    Lease lease =
        client.leases().inNamespace("kube-system").withName("netplane-nodepool-agent").get();
    // released on close: fabric8 shortens the lease to 1 s from now (the holder name stays), so
    // the standby need not wait out the 3 s lease duration
    assertThat(lease.getSpec().getLeaseDurationSeconds())
        .as("released on close: %s", lease.getSpec())
        .isEqualTo(1);
    await("agent-b leads").atMost(SOON).until(b::leading);
    client
        .nodes()
        .withName("n-h")
        .edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");
    await("agent-b counted a converged reconcile")
        .atMost(SOON)
        .until(() -> b.metrics().count(Outcome.CONVERGED) > 0);
  }

  static final String POOL_TO_CREATE =
      POOL.replace(
          "nodePool: {id: np1}",
          "nodePool: {create: {name: db-new, instanceTypes: [ecs.g7.xlarge], desiredSize: 2, vSwitchIds: [vsw-node-h]}}");

  @Test
  void anUnexpectedExceptionBecomesReadyFalseReconcileErrorAnEventAndRetries() {
    CloudInventory broken =
        (CloudInventory)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CloudInventory.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("the inventory answered nonsense");
                });
    Controller c =
        controller(
            "agent-a",
            client,
            applier(
                client, new Cloud(broken, h.cloudSide.nodePools(), Harness.CLUSTER, Harness.VPC)));
    await("agent-a leads").atMost(SOON).until(c::leading);
    h.createPool(POOL);

    awaitCondition(
        "db",
        ConditionType.READY,
        "False",
        "ReconcileError",
        "IllegalStateException: the inventory answered nonsense");
    awaitEvent("db", "Warning", "ReconcileError", "the inventory answered nonsense");
    await("retried with backoff").atMost(SOON).until(() -> c.metrics().count(Outcome.FAILED) >= 3);
    assertThat(h.eniConf("eni-config-db")).isNull();
  }

  @Test
  void eventsSayAppliedDriftRepairedAndBlocked() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    awaitEvent("db", "Normal", "Applied", "write(s)");
    assertThat(events("db")).noneMatch(e -> "DriftRepaired".equals(e.getReason()));

    client
        .nodes()
        .withName("n-h")
        .edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");
    awaitEvent("db", "Normal", "DriftRepaired", "undid changes made outside the spec");

    h.createPool(
        POOL.replace("name: db", "name: lost")
            .replace("[vsw-h, vsw-i]", "[vsw-gone, vsw-h]")
            .replace("nodePool: {id: np1}", "nodePool: {nodeSelector: {disk: ssd}}"));
    awaitEvent("lost", "Warning", "Blocked", "VSwitchNotFound vsw-gone");
  }

  @Test
  void deletingThePoolRemovesWhatItSetAndKeepsNodesAndTheNodePool() throws Exception {
    Controller c = leader();
    h.createPool(POOL);
    awaitReady("db");
    awaitConfigured("n-h");
    await("Ready=True exported")
        .atMost(SOON)
        .untilAsserted(
            () ->
                assertThat(get(c, "/metrics").body())
                    .contains(
                        "netplane_agent_pool_condition{pool=\"db\",status=\"True\",type=\"Ready\"} 1.0"));
    assertThat(
            client
                .genericKubernetesResources(FixedCidrPools.CONTEXT)
                .withName("db")
                .get()
                .getMetadata()
                .getFinalizers())
        .containsExactly("netplane.io/cleanup");

    client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").delete();

    await("the object gone once cleaned up")
        .atMost(SOON)
        .until(
            () ->
                client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").get()
                    == null);
    for (String node : List.of("n-h", "n-i")) {
      assertThat(h.labels(node))
          .doesNotContainKeys("terway-config", "netplane.io/pool")
          .containsKey("topology.kubernetes.io/zone");
      assertThat(h.taints(node)).isEmpty();
    }
    assertThat(client.nodes().list().getItems()).hasSize(3);
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.cloud.nodePool(Harness.CLUSTER, NP)).isNotNull();
    assertThat(h.cloud.nodePool(Harness.CLUSTER, NP).labels()).doesNotContainKey("terway-config");
    assertThat(h.cloud.calls()).noneMatch(call -> call.action().startsWith("Delete"));
    awaitEvent("db", "Normal", "CleanedUp", "nodes and node pools stay");
    await("the pool's conditions no longer exported")
        .atMost(SOON)
        .untilAsserted(() -> assertThat(get(c, "/metrics").body()).doesNotContain("pool=\"db\""));
  }

  @Test
  void aHandMadeOverrideBlocksThePoolUntilAdoptedAndIsGivenBackWhenTheObjectIsDeleted() {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(KubeFixtures.eniConfig("eni-config-db", "{\"max_eni\":2}"))
        .create();
    leader();
    h.createPool(POOL);
    awaitEvent("db", "Warning", "Blocked", "ConfigMapNotOwned kube-system/eni-config-db");
    assertThat(h.eniConf("eni-config-db")).isEqualTo("{\"max_eni\":2}");

    client
        .genericKubernetesResources(FixedCidrPools.CONTEXT)
        .withName("db")
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              var spec = (java.util.Map<String, Object>) r.getAdditionalProperties().get("spec");
              spec.put("adoptConfigMap", true);
              return r;
            });
    awaitReady("db");
    assertThat(h.eniConf("eni-config-db")).contains("\"max_eni\":2").contains("vsw-h");

    client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").delete();
    await("the object gone once cleaned up")
        .atMost(SOON)
        .until(
            () ->
                client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").get()
                    == null);
    assertThat(h.eniConf("eni-config-db")).isEqualTo("{\"max_eni\":2}");
    assertThat(h.labels("n-h")).doesNotContainKeys("terway-config", "netplane.io/pool");
    awaitEvent("db", "Normal", "CleanedUp", "nodes and node pools stay");
  }

  @Test
  void aReconcileReadsTheInformersNotTheApiServer() {
    RecordingClient rec = recording();
    Controller c = controller("agent-a", rec.client, applier(rec.client, h.cloudSide));
    await("agent-a leads").atMost(SOON).until(c::leading);
    // a pending pod (bound to no node), and one with an ENI IP on member n-h: found through the
    // index, it makes n-h a node to recycle
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("pending")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build())
        .create();
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("db-0")
                .endMetadata()
                .withNewSpec()
                .withNodeName("n-h")
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP("10.2.0.7")
                .endStatus()
                .build())
        .create();
    await("pods cached").atMost(SOON).until(c::ready);
    h.createPool(POOL);
    await("n-h to recycle, n-i configured")
        .atMost(SOON)
        .untilAsserted(
            () -> {
              FixedCidrPoolStatus s = status("db");
              assertThat(s).isNotNull();
              assertThat(s.nodes().needingRecycle()).containsExactly("n-h");
              assertThat(s.nodes().configured()).containsExactly("n-i");
            });
    double converged = c.metrics().count(Outcome.CONVERGED);
    rec.requests.clear();

    // the base eni-config concerns every pool: a reconcile with nothing to do
    client
        .configMaps()
        .inNamespace("kube-system")
        .withName("eni-config")
        .edit(
            cm -> {
              cm.getMetadata().setAnnotations(java.util.Map.of("note", "edited"));
              return cm;
            });
    await("reconciled again")
        .atMost(SOON)
        .until(() -> c.metrics().count(Outcome.CONVERGED) > converged);

    assertThat(rec.requests)
        .as("no list of nodes, pods or ConfigMaps, no get of a ConfigMap")
        .noneMatch(
            r ->
                r.startsWith("GET /api/v1/nodes")
                    || r.startsWith("GET /api/v1/pods")
                    || r.startsWith("GET /api/v1/namespaces/kube-system/configmaps"));
  }

  @Test
  void informersRetryWhileTheApiServerIsDownAndTheReplicaGetsReadyWhenItAnswers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    KubernetesClient late =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl("http://127.0.0.1:" + port)
                    .withNamespace("default")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    clients.add(late);
    Controller c = controller("agent-late", late, applier(late, h.cloudSide));

    await("unready while the API server is down")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !c.ready());
    assertThat(get(c, "/readyz").statusCode()).isEqualTo(503);

    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    try {
      await("ready once the API server answers")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(get(c, "/readyz").statusCode()).isEqualTo(200));
      await("leads").atMost(SOON).until(c::leading);
      late.configMaps()
          .inNamespace("kube-system")
          .resource(KubeFixtures.eniConfig("eni-config", "{\"vswitches\":{}}"))
          .create();
      Harness.createPool(late, POOL);
      await("the pool applied")
          .atMost(SOON)
          .until(
              () ->
                  late.configMaps().inNamespace("kube-system").withName("eni-config-db").get()
                      != null);
    } finally {
      c.close();
      server.destroy();
    }
  }

  @Test
  void aLeaderCutOffFromTheLeaseStopsBeforeItsNextWriteAndTheNextLeaderCreatesTheNodePoolOnce() {
    RecordingClient rec = recording();
    Controller a = controller("agent-a", rec.client, applier(rec.client, h.cloudSide));
    await("agent-a leads").atMost(SOON).until(a::leading);
    Controller b = controller("agent-b");
    await("agent-b synced").atMost(SOON).until(b::ready);

    // agent-a's reconcile waits for the cloud's answer while its lease renewals fail (each one
    // sits in the client's connection retries, well past the renew deadline)
    h.cloud.delay("DescribeVSwitches", Duration.ofSeconds(3));
    h.createPool(POOL_TO_CREATE);
    await("agent-a observing")
        .atMost(SOON)
        .until(() -> !h.cloud.calls("DescribeClusterNodePools").isEmpty());
    rec.cutLease();
    int writesBefore = rec.writes().size();
    await("agent-a stepped down").atMost(SOON).until(() -> !a.leading());
    await("agent-b leads").atMost(SOON).until(b::leading);
    h.cloud.clearFaults();

    awaitReady("db");
    await("agent-a gave up its reconcile")
        .atMost(SOON)
        .until(() -> a.metrics().count(Outcome.ABANDONED) >= 1);
    assertThat(rec.writes().subList(writesBefore, rec.writes().size()))
        .as("agent-a's writes after the cut")
        .isEmpty();
    assertThat(h.cloud.calls("CreateClusterNodePool")).hasSize(1);
    assertThat(h.cloud.nodePools(Harness.CLUSTER))
        .filteredOn(p -> "db-new".equals(p.name()))
        .hasSize(1);
  }

  @Test
  void probesAndMetricsAreServed() throws Exception {
    Controller c = leader();
    h.createPool(POOL);
    awaitReady("db");
    await("synced").atMost(SOON).until(c::ready);
    await("counted").atMost(SOON).until(() -> c.metrics().count(Outcome.CONVERGED) > 0);

    assertThat(get(c, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(c, "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get(c, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("netplane_agent_reconcile_total{result=\"converged\"}")
        .contains("netplane_agent_reconcile_duration_seconds_count")
        .contains("netplane_agent_queue_depth")
        .contains("netplane_agent_leader 1.0");
  }

  static HttpResponse<String> get(Controller c, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.healthPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
