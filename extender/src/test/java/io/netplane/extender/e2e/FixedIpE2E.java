package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fixed-IP StatefulSet pod, deleted and recreated, returns to the zone of its PodENI: the IP (an
 * ENI in one zone's vSwitch) cannot follow it elsewhere. No StatefulSet controller runs, so the
 * test creates the StatefulSet object and its pod {@code db-0} itself.
 */
class FixedIpE2E extends E2EBase {

  @Test
  void aRecreatedFixedIpPodReturnsToItsPodEnisZone() {
    List<String> nodes =
        createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("i1", ZONE_I), node("i2", ZONE_I));
    String vswH = vSwitch("db-h", ZONE_H, 100);
    String vswI = vSwitch("db-i", ZONE_I, 100);
    String db = podNetworking("db", "Default", "Fixed", Map.of("app", "db"), vswH, vswI);
    StatefulSet sts =
        kube.apps()
            .statefulSets()
            .inNamespace(ns)
            .resource(
                new StatefulSetBuilder()
                    .withNewMetadata()
                    .withName("db")
                    .withNamespace(ns)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withServiceName("db")
                    .withNewSelector()
                    .addToMatchLabels("app", "db")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "db")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("registry.k8s.io/pause:3.10")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    Fixtures.PodSpec db0 =
        pod("db-0")
            .label("app", "db")
            .memberEni()
            .ownedBy("StatefulSet", "db", sts.getMetadata().getUid());

    // first start: no PodENI yet, either zone of the network will do
    Pod first = createPod(db0);
    String firstNode = awaitBound("db-0");
    String pinned = zoneOf(firstNode);
    String other = pinned.equals(ZONE_H) ? ZONE_I : ZONE_H;

    // Terway's controller allocates the fixed IP on an ENI in the node's zone and keeps it
    String vsw = pinned.equals(ZONE_H) ? vswH : vswI;
    kube.genericKubernetesResources(Fixtures.POD_ENIS)
        .inNamespace(ns)
        .resource(
            Fixtures.podEni(
                testId,
                ns,
                "db-0",
                first.getMetadata().getUid(),
                firstNode,
                pinned,
                vsw,
                "172.16.3.7"))
        .create();
    podEniStatus("Bind", firstNode);

    // the pod goes away (node drain, rolling update); releaseStrategy Never keeps the PodENI,
    // detached
    kube.pods().inNamespace(ns).withName("db-0").withGracePeriod(0).delete();
    await("db-0 deleted")
        .atMost(WAIT)
        .until(() -> kube.pods().inNamespace(ns).withName("db-0").get() == null);
    podEniStatus("Unbind", null);
    extender.awaitSnapshot(
        "PodENI " + ns + "/db-0 pinned to " + pinned,
        s ->
            s.podEnis().values().stream()
                    .anyMatch(e -> e.name().equals("db-0") && e.namespace().equals(ns))
                && s.pods().stream().noneMatch(p -> p.namespace().equals(ns)));

    // the pinned zone is full (cordoned); the other zone has room, but the IP cannot move there
    for (String n : nodes) {
      if (zoneOf(n).equals(pinned)) {
        cordon(n, true);
      }
    }
    createPod(db0);
    String message = awaitFailedScheduling("db-0", "FixedIpZone");
    assertThat(message)
        .as("the other zone's nodes are rejected for the pin")
        .contains("netplane: FixedIpZone zone=" + other + " pinnedZone=" + pinned);
    assertStaysPending(Duration.ofSeconds(3), "db-0");

    // room again in the pinned zone: db-0 comes back there
    for (String n : nodes) {
      if (zoneOf(n).equals(pinned)) {
        cordon(n, false);
      }
    }
    assertThat(zoneOf(awaitBound("db-0")))
        .as("zone of recreated db-0 (PodENI in %s, network %s)", pinned, db)
        .isEqualTo(pinned);
  }

  private void podEniStatus(String phase, String node) {
    kube.genericKubernetesResources(Fixtures.POD_ENIS)
        .inNamespace(ns)
        .withName("db-0")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            kube.getKubernetesSerialization().asJson(Fixtures.podEniStatus(phase, node)));
  }

  private void cordon(String node, boolean unschedulable) {
    kube.nodes()
        .withName(node)
        .edit(
            n ->
                new NodeBuilder(n)
                    .editSpec()
                    .withUnschedulable(unschedulable ? true : null)
                    .endSpec()
                    .build());
  }
}
