package io.netplane.agent.run;

import static io.netplane.agent.apply.Harness.NP;
import static io.netplane.agent.apply.Harness.POOL;
import static io.netplane.agent.apply.Harness.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.config.cloud.fake.Fault;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run controller against fabric8's mock API server (CRUD) and the fake cloud. */
@EnableKubernetesMockClient(crud = true)
class ControllerIT {
  static KubernetesClient client;
  static final Duration SOON = Duration.ofSeconds(15);

  Harness h;
  final List<Controller> controllers = new ArrayList<>();

  @BeforeEach
  void start() {
    h = new Harness(client).poolNodes();
  }

  @AfterEach
  void stop() {
    controllers.forEach(Controller::close);
    client.genericKubernetesResources(FixedCidrPools.CONTEXT).delete();
    client.leases().inAnyNamespace().delete();
    h.close();
  }

  Controller controller(String identity) {
    var settings = new Controller.Settings("netplane-nodepool-agent", "kube-system", identity, Duration.ofSeconds(3),
        Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMinutes(5),
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Integer.MAX_VALUE, Backoff.REAL),
        new InetSocketAddress("127.0.0.1", 0));
    Controller c = new Controller(client, h.applier, settings, Clock.systemUTC());
    controllers.add(c);
    c.start();
    return c;
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
    await(pool + " Ready").atMost(SOON).untilAsserted(() ->
        assertThat(condition(pool, ConditionType.READY)).isNotNull().extracting(PoolCondition::status).isEqualTo("True"));
  }

  void awaitConfigured(String node) {
    await(node + " labelled and tainted").atMost(SOON).untilAsserted(() -> h.assertConfigured(node));
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
    assertThat(h.cloud.nodePool(Harness.CLUSTER, NP).labels()).containsEntry("terway-config", "eni-config-db");
    FixedCidrPoolStatus s = status("db");
    assertThat(s.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(s.nodes().configured()).containsExactly("n-h", "n-i");
    assertThat(s.conditions()).extracting(PoolCondition::type, PoolCondition::status).containsExactly(
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

    client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName("db").edit(r -> {
      @SuppressWarnings("unchecked")
      var spec = (java.util.Map<String, Object>) r.getAdditionalProperties().get("spec");
      spec.put("labels", java.util.Map.of("team", "payments"));
      return r;
    });

    await("the new label on the pool's nodes").atMost(SOON).untilAsserted(() ->
        assertThat(h.labels("n-h")).containsEntry("team", "payments"));
    await("status of the new generation").atMost(SOON).untilAsserted(() ->
        assertThat(status("db").observedGeneration()).isGreaterThan(generation));
  }

  @Test
  void aLabelOrTaintRemovedFromANodeIsRepaired() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    awaitConfigured("n-h");

    client.nodes().withName("n-h").edit(n -> new NodeBuilder(n).editMetadata().removeFromLabels("terway-config").endMetadata().build());
    awaitConfigured("n-h");

    client.nodes().withName("n-h").edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");
  }

  @Test
  void anEditedOrDeletedOverrideConfigMapIsRepaired() {
    leader();
    h.createPool(POOL);
    awaitReady("db");
    String wanted = h.eniConf("eni-config-db");

    client.configMaps().inNamespace("kube-system").withName("eni-config-db")
        .edit(cm -> { cm.getData().put("eni_conf", "{\"vswitches\":{}}"); return cm; });
    await("override restored").atMost(SOON).untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).isEqualTo(wanted));

    client.configMaps().inNamespace("kube-system").withName("eni-config-db").delete();
    await("override recreated").atMost(SOON).untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).isEqualTo(wanted));
  }

  @Test
  void aNodeJoiningThePoolIsLabelledAndTainted() {
    leader();
    h.createPool(POOL);
    awaitReady("db");

    h.node("n-new", ZONE_H, NP);
    awaitConfigured("n-new");
    await("the new node counted").atMost(SOON).untilAsserted(() ->
        assertThat(status("db").nodes().configured()).containsExactly("n-h", "n-i", "n-new"));
  }

  @Test
  void aCloudErrorShowsItsCodeInTheStatusAndIsRetriedToSuccess() {
    Controller c = leader();
    h.cloud.failAlways("ModifyClusterNodePool", Fault.throttling());
    h.createPool(POOL);

    await("NodePoolSynced=False with the API code").atMost(SOON).untilAsserted(() -> {
      PoolCondition synced = condition("db", ConditionType.NODE_POOL_SYNCED);
      assertThat(synced).isNotNull();
      assertThat(synced.status()).isEqualTo("False");
      assertThat(synced.reason()).isEqualTo("CloudError");
      assertThat(synced.message()).startsWith("Throttling.User: ");
    });
    assertThat(condition("db", ConditionType.READY).status()).isEqualTo("False");
    await("retried").atMost(SOON).until(() -> c.metrics().count(Outcome.FAILED) >= 2);

    h.cloud.clearFaults();
    awaitReady("db");
    assertThat(condition("db", ConditionType.NODE_POOL_SYNCED).status()).isEqualTo("True");
  }

  @Test
  void anInvalidSpecGetsAConditionListingEveryErrorAndChangesNothing() {
    Controller c = leader();
    h.createPool(POOL.replace("[vsw-h, vsw-i]", "[vsw-h, vsw-h]").replace("expectedPods: 100", "expectedPods: 0"));

    await("InvalidConfiguration").atMost(SOON).untilAsserted(() -> {
      PoolCondition ready = condition("db", ConditionType.READY);
      assertThat(ready).isNotNull();
      assertThat(ready.reason()).isEqualTo("InvalidConfiguration");
      assertThat(ready.message()).startsWith("2 error(s): ")
          .contains("spec.podVSwitchIds[1]: Duplicate value").contains("spec.expectedPods: Invalid value: 0");
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
    await("agent-a counted a converged reconcile").atMost(SOON).until(() -> a.metrics().count(Outcome.CONVERGED) > 0);
    assertThat(b.metrics().count(Outcome.CONVERGED)).isZero();

    a.close();
    Lease lease = client.leases().inNamespace("kube-system").withName("netplane-nodepool-agent").get();
    // released on close: fabric8 shortens the lease to 1 s from now (the holder name stays), so
    // the standby need not wait out the 3 s lease duration
    assertThat(lease.getSpec().getLeaseDurationSeconds()).as("released on close: %s", lease.getSpec()).isEqualTo(1);
    await("agent-b leads").atMost(SOON).until(b::leading);
    client.nodes().withName("n-h").edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");
    await("agent-b counted a converged reconcile").atMost(SOON).until(() -> b.metrics().count(Outcome.CONVERGED) > 0);
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
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.healthPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
