package io.netplane.agent.e2e;

import static io.netplane.agent.apply.Harness.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.ApplyListener;
import io.netplane.agent.apply.ApplyResult;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.plan.FindingId;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.e2e.LocalControlPlane;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The applier against a real kube-apiserver (deploy/local), with the state real clusters have:
 * Pending pods and pods of every phase, a node without labels, ConfigMaps other tools own, and
 * taints with {@code timeAdded}. The real API server checks the patches' and the delete's
 * resourceVersion preconditions, which the mock does not.
 */
@ExtendWith(LocalControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApplierE2E {
  static final String NS = "applier-e2e";

  /** A node pool of its own: ControllerE2E's pool "db" owns the nodes of Harness.NP. */
  static final String NP = "np-e2e";

  KubernetesClient kube;
  Harness h;

  @BeforeAll
  void start(LocalControlPlane.Cluster cluster) {
    kube = cluster.client();
    h = new Harness(kube);
    h.cloud
        .addNodePool(Harness.CLUSTER, NP, "e2e")
        .vSwitchIds(List.of("vsw-node-h"))
        .instanceTypes(List.of("ecs.g7.xlarge"))
        .desiredSize(1);
    kube.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  void stop() {
    if (h != null) {
      // not h.close(): it empties every namespace's ConfigMaps, fine for the mock only
      h.applier.close();
      h.cloud.close();
    }
  }

  static ResolvedPool pool(String name, String configMap, boolean adopt) {
    return new ResolvedPool(
        name,
        1L,
        NP,
        null,
        null,
        List.of("vsw-h", "vsw-i"),
        null,
        configMap,
        new NodeTaint("netplane.io/pool", name, "NoSchedule"),
        Map.of(),
        10,
        adopt);
  }

  @Test
  void ordinaryClusterStateOthersObjectsAndTheirTaintTimesSurviveApplyAndDelete() {
    h.node("e2e-a", ZONE_H, NP);
    Taint unreachable =
        new TaintBuilder()
            .withKey("node.kubernetes.io/unreachable")
            .withEffect("NoExecute")
            .withTimeAdded("2026-01-02T03:04:05Z")
            .build();
    kube.nodes()
        .withName("e2e-a")
        .edit(n -> new NodeBuilder(n).editSpec().withTaints(unreachable).endSpec().build());
    kube.nodes()
        .resource(new NodeBuilder().withNewMetadata().withName("e2e-bare").endMetadata().build())
        .create();
    pod("pending", null, null);
    for (String phase : List.of("Running", "Succeeded", "Failed", "Unknown")) {
      pod(phase.toLowerCase(), "e2e-bare", phase);
    }
    ConfigMap coredns =
        kube.configMaps()
            .inNamespace("kube-system")
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("coredns-e2e")
                    .withNamespace("kube-system")
                    .endMetadata()
                    .addToData("Corefile", ".:53 {}")
                    .build())
            .create();
    ConfigMap helm =
        kube.configMaps()
            .inNamespace("kube-system")
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("eni-config-helm")
                    .withNamespace("kube-system")
                    .addToLabels("app.kubernetes.io/managed-by", "Helm")
                    .endMetadata()
                    .addToData("eni_conf", "{\"max_eni\":2}")
                    .build())
            .create();

    ApplyResult applied = h.applier.apply(pool("e2e", "eni-config-e2e", false), ApplyListener.NONE);
    assertThat(applied.converged()).as("%s", applied).isTrue();
    assertThat(h.labels("e2e-a")).containsEntry("terway-config", "eni-config-e2e");
    assertThat(h.taints("e2e-a"))
        .extracting(Taint::getKey, Taint::getTimeAdded)
        .contains(tuple("node.kubernetes.io/unreachable", "2026-01-02T03:04:05Z"));

    ApplyResult notOwned =
        h.applier.apply(pool("e2e-helm", "eni-config-helm", false), ApplyListener.NONE);
    assertThat(notOwned.plan().findings(FindingId.CONFIGMAP_NOT_OWNED)).hasSize(1);
    ApplyResult notOverride =
        h.applier.apply(pool("e2e-dns", "coredns-e2e", true), ApplyListener.NONE);
    assertThat(notOverride.plan().findings(FindingId.CONFIGMAP_NOT_AN_OVERRIDE)).hasSize(1);
    for (String p : List.of("e2e-helm", "e2e-dns")) {
      String cm = p.equals("e2e-helm") ? "eni-config-helm" : "coredns-e2e";
      assertThat(h.applier.delete(pool(p, cm, p.equals("e2e-dns")), ApplyListener.NONE).converged())
          .isTrue();
    }

    ApplyResult deleted =
        h.applier.delete(pool("e2e", "eni-config-e2e", false), ApplyListener.NONE);
    assertThat(deleted.converged()).as("%s", deleted).isTrue();
    assertThat(h.eniConf("eni-config-e2e")).isNull();
    assertThat(h.labels("e2e-a")).doesNotContainKey("terway-config");
    assertThat(h.taints("e2e-a"))
        .extracting(Taint::getTimeAdded)
        .containsExactly("2026-01-02T03:04:05Z");
    assertThat(get("coredns-e2e").getMetadata().getResourceVersion())
        .isEqualTo(coredns.getMetadata().getResourceVersion());
    assertThat(get("eni-config-helm").getMetadata().getResourceVersion())
        .isEqualTo(helm.getMetadata().getResourceVersion());
  }

  private ConfigMap get(String name) {
    return kube.configMaps().inNamespace("kube-system").withName(name).get();
  }

  private void pod(String name, String node, String phase) {
    var p =
        kube.pods()
            .inNamespace(NS)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(NS)
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName(node)
                    .addNewContainer()
                    .withName("c")
                    .withImage("x")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    if (phase != null) {
      p.setStatus(new PodStatusBuilder().withPhase(phase).build());
      kube.pods().inNamespace(NS).resource(p).updateStatus();
    }
  }
}
