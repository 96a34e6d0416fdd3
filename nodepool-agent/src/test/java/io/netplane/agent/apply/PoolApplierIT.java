package io.netplane.agent.apply;

import static io.netplane.agent.apply.Harness.NP;
import static io.netplane.agent.apply.Harness.POOL_TAINT;
import static io.netplane.agent.apply.Harness.ZONE_H;
import static io.netplane.agent.apply.Harness.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.agent.model.NodePoolCreate;
import io.netplane.agent.plan.FindingId;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.cloud.fake.FakeNodePool;
import io.netplane.config.cloud.fake.Fault;
import io.netplane.config.model.NodeTaint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appliers against fabric8's mock API server (CRUD) and the fake Alibaba Cloud OpenAPI server.
 */
@EnableKubernetesMockClient(crud = true)
class PoolApplierIT {
  static KubernetesClient client;
  static final Taint GPU =
      new TaintBuilder().withKey("gpu").withValue("true").withEffect("NoSchedule").build();

  Harness h;

  @BeforeEach
  void start() {
    h = new Harness(client).poolNodes();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static ResolvedPool pool() {
    return pool(false);
  }

  static ResolvedPool pool(boolean adoptConfigMap) {
    return new ResolvedPool(
        "db",
        1L,
        NP,
        null,
        null,
        List.of("vsw-h", "vsw-i"),
        List.of("sg-pool"),
        "eni-config-db",
        new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
        Map.of("team", "db"),
        100,
        adoptConfigMap);
  }

  @Test
  void aFullRolloutThenASecondRunThatChangesNothing() {
    ApplyResult first = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(first.converged()).as("%s", first).isTrue();
    assertThat(first.steps()).isEqualTo(4);

    assertThat(h.eniConf("eni-config-db"))
        .isEqualTo(
            "{\"vswitches\":{\""
                + ZONE_H
                + "\":[\"vsw-h\"],\""
                + ZONE_I
                + "\":[\"vsw-i\"]},\"security_groups\":[\"sg-pool\"]}");
    assertThat(h.eniConf("eni-config")).contains("vsw-base-h").doesNotContain("vsw-h\"");
    for (String n : List.of("n-h", "n-i")) {
      assertThat(h.labels(n))
          .containsEntry("terway-config", "eni-config-db")
          .containsEntry("netplane.io/pool", "db")
          .containsEntry("team", "db");
      assertThat(h.taints(n)).containsExactly(POOL_TAINT);
    }
    assertThat(h.labels("web-1")).doesNotContainKey("terway-config");
    FakeNodePool np = h.cloud.nodePool(Harness.CLUSTER, NP);
    assertThat(np.labels())
        .containsEntry("terway-config", "eni-config-db")
        .containsEntry("netplane.io/pool", "db");
    assertThat(np.taints())
        .containsExactly(new FakeNodePool.Taint("netplane.io/pool", "db", "NoSchedule"));
    assertThat(np.lastUpdateNodes()).isFalse();
    assertThat(first.plan().whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(first.plan().findings(FindingId.BASE_SECURITY_GROUP_UNIONED)).hasSize(1);

    String rvH = h.get("n-h").getMetadata().getResourceVersion();
    int modifies = h.cloud.calls("ModifyClusterNodePool").size();
    ApplyResult second = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(second.steps()).isZero();
    assertThat(second.passes()).isEqualTo(1);
    assertThat(second.plan().hasChanges()).isFalse();
    assertThat(h.get("n-h").getMetadata().getResourceVersion()).isEqualTo(rvH);
    assertThat(h.cloud.calls("ModifyClusterNodePool")).hasSize(modifies);
  }

  @Test
  void aPoolToCreateIsCreatedOnceAndNodesThatJoinAreConfigured() {
    ResolvedPool p =
        new ResolvedPool(
            "db",
            1L,
            null,
            new NodePoolCreate("db-new", List.of("ecs.g7.xlarge"), 2L, List.of("vsw-node-h")),
            null,
            List.of("vsw-h"),
            null,
            "eni-config-db",
            new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
            Map.of(),
            10);
    ApplyResult first = h.applier.apply(p, ApplyListener.NONE);
    assertThat(first.converged()).as("%s", first).isTrue();
    FakeNodePool created = h.cloud.nodePoolNamed(Harness.CLUSTER, "db-new");
    assertThat(created.labels()).containsEntry("terway-config", "eni-config-db");
    assertThat(created.taints()).hasSize(1);

    h.node("new-1", ZONE_H, created.id());
    ApplyResult second = h.applier.apply(p, ApplyListener.NONE);
    assertThat(second.converged()).isTrue();
    assertThat(h.labels("new-1")).containsEntry("terway-config", "eni-config-db");
    assertThat(h.cloud.calls("CreateClusterNodePool")).hasSize(1);
    assertThat(second.plan().nodePoolId()).isEqualTo(created.id());
  }

  @Test
  void aNodePoolCreatedByAnotherWriterAfterTheObservationIsNotCreatedAgain() {
    ResolvedPool p =
        new ResolvedPool(
            "db",
            1L,
            null,
            new NodePoolCreate("db-new", List.of("ecs.g7.xlarge"), 2L, List.of("vsw-node-h")),
            null,
            List.of("vsw-h"),
            null,
            "eni-config-db",
            new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
            Map.of(),
            10);
    ApplyResult r =
        h.applier.apply(
            p,
            new ApplyListener() {
              @Override
              public void stepDone(String step, Duration took) {
                if (step.startsWith("ConfigMap")) {
                  // between this pass's observation and its CreateClusterNodePool: a previous
                  // leader's
                  // request that went through late
                  h.cloud
                      .addNodePool(Harness.CLUSTER, "np-twin", "db-new")
                      .vSwitchIds(List.of("vsw-node-h"))
                      .instanceTypes(List.of("ecs.g7.xlarge"))
                      .desiredSize(2);
                }
              }
            });
    assertThat(r.converged()).as("%s", r).isTrue();
    assertThat(h.cloud.calls("CreateClusterNodePool")).isEmpty();
    assertThat(r.plan().nodePoolId()).isEqualTo("np-twin");
    assertThat(h.cloud.nodePool(Harness.CLUSTER, "np-twin").labels())
        .containsEntry("terway-config", "eni-config-db");
  }

  @Test
  void driftIsRepairedAndOnlyDrift() {
    h.applier.apply(pool(), ApplyListener.NONE);
    var n = h.get("n-h");
    n.getMetadata().getLabels().remove("netplane.io/pool");
    n.getMetadata().getLabels().put("owner", "ops");
    n.getSpec().setTaints(new ArrayList<>(List.of(GPU)));
    client.nodes().resource(n).update();
    client
        .configMaps()
        .inNamespace("kube-system")
        .withName("eni-config-db")
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .addToData(
                        "eni_conf",
                        "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-base-h\"]},\"max_eni\":2}")
                    .build());

    ApplyResult repair = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(repair.steps()).isEqualTo(2);
    assertThat(h.labels("n-h"))
        .containsEntry("netplane.io/pool", "db")
        .containsEntry("owner", "ops");
    assertThat(h.taints("n-h")).containsExactly(GPU, POOL_TAINT);
    // the pool's keys restored, a key someone else added kept
    assertThat(h.eniConf("eni-config-db"))
        .contains("\"vsw-h\"")
        .contains("\"max_eni\":2")
        .contains("sg-pool");
  }

  @Test
  void aCrashAfterTheConfigMapStepIsResumedWithTheRemainingSteps() {
    RuntimeException crash = new RuntimeException("killed");
    Throwable t =
        catchThrowable(
            () ->
                h.applier.apply(
                    pool(),
                    new ApplyListener() {
                      @Override
                      public void stepDone(String step, Duration took) {
                        if (step.startsWith("ConfigMap")) {
                          throw crash;
                        }
                      }
                    }));
    assertThat(t).isSameAs(crash);
    assertThat(h.eniConf("eni-config-db")).isNotNull();
    assertThat(h.labels("n-h")).doesNotContainKey("terway-config");

    List<Plan> plans = new ArrayList<>();
    ApplyResult resumed =
        h.applier.apply(
            pool(),
            new ApplyListener() {
              @Override
              public void planned(Plan plan, int pass) {
                plans.add(plan);
              }
            });
    assertThat(resumed.converged()).isTrue();
    assertThat(plans.get(0).configMap()).isNull();
    assertThat(plans.get(0).nodePool()).isNotNull();
    assertThat(plans.get(0).nodes()).hasSize(2);
    assertThat(resumed.steps()).isEqualTo(3);
  }

  @Test
  void aConflictingWriterKeepsItsKeysAndA409IsPlannedAgain() {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("eni-config-db")
                .withNamespace("kube-system")
                .addToAnnotations("other/owner", "team-x")
                .endMetadata()
                .addToData("notes", "kept")
                .addToData("eni_conf", "{\"ip_stack\":\"ipv4\"}")
                .build())
        .create();
    AtomicBoolean interfered = new AtomicBoolean();
    ApplyResult r =
        h.applier.apply(
            pool(true),
            new ApplyListener() {
              @Override
              public void planned(Plan plan, int pass) {
                if (interfered.compareAndSet(false, true)) {
                  // another controller writes between our read and our write
                  client
                      .nodes()
                      .withName("n-i")
                      .edit(
                          n -> {
                            n.getMetadata().getLabels().put("other", "x");
                            return n;
                          });
                }
              }
            });
    assertThat(r.converged()).as("%s", r).isTrue();
    assertThat(r.passes()).isGreaterThanOrEqualTo(3);
    assertThat(h.waits).isNotEmpty();
    assertThat(h.labels("n-i"))
        .containsEntry("other", "x")
        .containsEntry("terway-config", "eni-config-db");
    var cm = client.configMaps().inNamespace("kube-system").withName("eni-config-db").get();
    assertThat(cm.getData()).containsEntry("notes", "kept");
    assertThat(cm.getData().get("eni_conf")).contains("\"ip_stack\":\"ipv4\"").contains("vsw-h");
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry("other/owner", "team-x")
        .containsEntry(PoolLabels.OWNER, "db");
    assertThat(r.plan().findings(FindingId.CONFIGMAP_ADOPTED)).isEmpty();
  }

  @Test
  void aNodeThatAlreadyUsedEnisIsLabelledButReportedForRecycling() {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("old")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName("n-h")
                .addNewContainer()
                .withName("c")
                .withImage("x")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPodIP("10.2.0.7")
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
    ApplyResult r = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(r.converged()).isTrue();
    assertThat(r.plan().summary().needingRecycle()).containsExactly("n-h");
    assertThat(r.plan().summary().configured()).containsExactly("n-i");
    assertThat(h.labels("n-h"))
        .containsEntry("terway-config", "eni-config-db")
        .doesNotContainKey("netplane.io/pool");
    assertThat(h.get("n-h").getMetadata().getAnnotations().get(PoolLabels.RECYCLE))
        .contains("1 pod(s) held ENI IPs");
  }

  @Test
  void cloudThrottlingIsRetriedAndAHardErrorIsReportedWithItsCode() {
    h.cloud.failNext("ModifyClusterNodePool", 2, Fault.throttling());
    ApplyResult r = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(r.converged()).isTrue();
    assertThat(h.cloud.calls("ModifyClusterNodePool")).hasSize(3);

    h.cloud.failAlways(
        "DescribeClusterNodePoolDetail", Fault.of(400, "ErrorQueryNodePool", "query failed"));
    ApplyResult failed = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(failed.failure().code()).isEqualTo("ErrorQueryNodePool");
    assertThat(failed.failure().nodePool()).isTrue();
  }

  @Test
  void anInvalidPoolAppliesNothing() {
    ResolvedPool p =
        new ResolvedPool(
            "db",
            1L,
            NP,
            null,
            null,
            List.of("vsw-h", "vsw-missing"),
            null,
            "eni-config-db",
            new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
            Map.of(),
            10);
    ApplyResult r = h.applier.apply(p, ApplyListener.NONE);
    assertThat(r.plan().blocked()).isTrue();
    assertThat(r.steps()).isZero();
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.cloud.calls("ModifyClusterNodePool")).isEmpty();
  }

  @Test
  void deleteRemovesWhatThePoolOwnsButNeverNodesOrTheNodePool() {
    h.applier.apply(pool(), ApplyListener.NONE);
    var n = h.get("n-i");
    n.getMetadata().getLabels().put("owner", "ops");
    n.getSpec().setTaints(new ArrayList<>(List.of(GPU, POOL_TAINT)));
    client.nodes().resource(n).update();

    ApplyResult r = h.applier.delete(pool(), ApplyListener.NONE);
    assertThat(r.converged()).as("%s", r).isTrue();
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.eniConf("eni-config")).isNotNull();
    assertThat(h.labels("n-i"))
        .doesNotContainKeys("terway-config", "netplane.io/pool", "team")
        .containsEntry("owner", "ops");
    assertThat(h.taints("n-i")).containsExactly(GPU);
    assertThat(h.get("n-i").getMetadata().getAnnotations()).doesNotContainKey(PoolLabels.OWNER);
    assertThat(client.nodes().list().getItems()).hasSize(3);
    FakeNodePool np = h.cloud.nodePool(Harness.CLUSTER, NP);
    assertThat(np).isNotNull();
    assertThat(np.labels()).doesNotContainKeys("terway-config", "netplane.io/pool");
    assertThat(np.taints()).isEmpty();
  }

  @Test
  void ordinaryClusterStateNeverStopsIt() {
    // a Pending pod (no node yet), a pod of every phase, a node without labels or annotations, a
    // ConfigMap without data, a base eni-config without data
    pod("pending", null, "Pending", null);
    pod("running", "n-h", "Running", "10.2.0.7");
    pod("done", "n-i", "Succeeded", "10.2.0.8");
    pod("failed", "n-i", "Failed", null);
    pod("lost", "n-i", "Unknown", null);
    pod("no-status", "n-i", null, null);
    client
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("empty")
                .withNamespace("kube-system")
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .withName("eni-config")
        .edit(cm -> new ConfigMapBuilder(cm).withData(null).build());

    ApplyResult r = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(r.converged()).as("%s", r).isTrue();
    assertThat(r.plan().summary().needingRecycle()).containsExactly("n-h");
    assertThat(r.plan().summary().configured()).containsExactly("n-i");
    assertThat(r.plan().findings(FindingId.BASE_ENI_CONFIG_MISSING)).hasSize(1);
    assertThat(h.get("bare").getMetadata().getLabels()).isNullOrEmpty();

    ApplyResult deleted = h.applier.delete(pool(), ApplyListener.NONE);
    assertThat(deleted.converged()).as("%s", deleted).isTrue();
    assertThat(h.labels("n-i")).doesNotContainKey("terway-config");
  }

  @Test
  void otherTaintsKeepTheirTimeAdded() {
    Taint evicting =
        new TaintBuilder()
            .withKey("node.kubernetes.io/unreachable")
            .withEffect("NoExecute")
            .withTimeAdded("2026-01-02T03:04:05Z")
            .build();
    var n = h.get("n-h");
    n.getSpec().setTaints(new ArrayList<>(List.of(evicting)));
    client.nodes().resource(n).update();

    assertThat(h.applier.apply(pool(), ApplyListener.NONE).converged()).isTrue();
    assertThat(h.taints("n-h"))
        .hasSize(2)
        .first()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("node.kubernetes.io/unreachable");
              assertThat(t.getTimeAdded()).isEqualTo("2026-01-02T03:04:05Z");
            });

    h.applier.delete(pool(), ApplyListener.NONE);
    assertThat(h.taints("n-h"))
        .extracting(Taint::getTimeAdded)
        .containsExactly("2026-01-02T03:04:05Z");
  }

  @Test
  void aConfigMapNetplaneDidNotCreateIsNeitherWrittenNorDeleted() {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("eni-config-db")
                .withNamespace("kube-system")
                .addToLabels("app.kubernetes.io/managed-by", "Helm")
                .endMetadata()
                .addToData("eni_conf", "{\"vswitches\":{}}")
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("coredns")
                .withNamespace("kube-system")
                .endMetadata()
                .addToData("Corefile", ".:53 {}")
                .build())
        .create();
    var before = client.configMaps().inNamespace("kube-system").list().getItems();

    ApplyResult r = h.applier.apply(pool(), ApplyListener.NONE);
    assertThat(r.plan().findings(FindingId.CONFIGMAP_NOT_OWNED)).hasSize(1);
    assertThat(r.steps()).isZero();
    ResolvedPool coredns =
        new ResolvedPool(
            "db",
            1L,
            NP,
            null,
            null,
            List.of("vsw-h"),
            null,
            "coredns",
            new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
            Map.of(),
            10,
            true);
    ApplyResult adopt = h.applier.apply(coredns, ApplyListener.NONE);
    assertThat(adopt.plan().findings(FindingId.CONFIGMAP_NOT_AN_OVERRIDE)).hasSize(1);
    assertThat(adopt.steps()).isZero();
    assertThat(h.applier.delete(pool(), ApplyListener.NONE).converged()).isTrue();
    assertThat(h.applier.delete(coredns, ApplyListener.NONE).converged()).isTrue();

    assertThat(client.configMaps().inNamespace("kube-system").list().getItems()).isEqualTo(before);
    assertThat(h.labels("n-h")).doesNotContainKey("terway-config");
  }

  @Test
  void anAdoptedOverrideIsGivenBackOnDelete() {
    String handMade = "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]},\"max_eni\":2}";
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("eni-config-db")
                .withNamespace("kube-system")
                .addToLabels("app.kubernetes.io/managed-by", "Helm")
                .addToAnnotations("meta.helm.sh/release-name", "ops")
                .endMetadata()
                .addToData("eni_conf", handMade)
                .build())
        .create();

    ApplyResult r = h.applier.apply(pool(true), ApplyListener.NONE);
    assertThat(r.converged()).as("%s", r).isTrue();
    assertThat(h.eniConf("eni-config-db"))
        .contains("vsw-h")
        .contains("sg-pool")
        .contains("\"max_eni\":2");
    var adopted = client.configMaps().inNamespace("kube-system").withName("eni-config-db").get();
    assertThat(adopted.getMetadata().getLabels())
        .containsExactly(Map.entry("app.kubernetes.io/managed-by", "Helm"));
    assertThat(adopted.getMetadata().getAnnotations())
        .containsEntry(PoolLabels.OWNER, "db")
        .containsKey(PoolLabels.ADOPTED);

    ApplyResult deleted = h.applier.delete(pool(true), ApplyListener.NONE);
    assertThat(deleted.converged()).as("%s", deleted).isTrue();
    var back = client.configMaps().inNamespace("kube-system").withName("eni-config-db").get();
    assertThat(back).isNotNull();
    assertThat(back.getData().get("eni_conf")).isEqualTo(handMade);
    assertThat(back.getMetadata().getAnnotations())
        .containsExactly(Map.entry("meta.helm.sh/release-name", "ops"));
    assertThat(back.getMetadata().getLabels())
        .containsExactly(Map.entry("app.kubernetes.io/managed-by", "Helm"));
  }

  private void pod(String name, String node, String phase, String ip) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("c")
            .withImage("x")
            .endContainer()
            .endSpec();
    if (phase != null) {
      b.withNewStatus().withPhase(phase).withPodIP(ip).endStatus();
    }
    client.pods().inNamespace("default").resource(b.build()).create();
  }
}
