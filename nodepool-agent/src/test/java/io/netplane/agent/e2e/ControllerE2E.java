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
import io.netplane.agent.apply.Harness;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.agent.run.Controller;
import io.netplane.config.e2e.LocalControlPlane;
import java.net.InetSocketAddress;
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
  static final String LEASE = "netplane-nodepool-agent";

  KubernetesClient kube;
  Harness h;
  Controller controller;

  @BeforeAll
  void start(LocalControlPlane.Cluster cluster) {
    kube = cluster.client();
    CustomResourceDefinition crd = kube.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).serverSideApply();
    await("CRD established").atMost(SOON).until(() -> kube.apiextensions().v1().customResourceDefinitions()
        .withName(crd.getMetadata().getName()).get().getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    h = new Harness(kube);
    controller = new Controller(kube, h.applier, new Controller.Settings(LEASE, "kube-system", "agent-e2e",
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(5),
        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Integer.MAX_VALUE, Backoff.REAL),
        new InetSocketAddress("127.0.0.1", 0)), Clock.systemUTC());
    controller.start();
    await("agent-e2e leads").atMost(SOON).until(controller::leading);
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
    await(node + " labelled and tainted").atMost(SOON).untilAsserted(() -> h.assertConfigured(node));
  }

  @Test
  @Order(1)
  void aPoolIsAppliedItsStatusWrittenAndDriftRepaired() {
    h.poolNodes().createPool(POOL);

    awaitConfigured("n-h");
    awaitConfigured("n-i");
    assertThat(h.labels("web-1")).doesNotContainKey("terway-config");
    assertThat(h.eniConf("eni-config-db"))
        .isEqualTo("{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-h\"],\"" + ZONE_I + "\":[\"vsw-i\"]}}");
    await("status Ready").atMost(SOON).untilAsserted(() -> {
      FixedCidrPoolStatus s = status();
      assertThat(s).isNotNull();
      assertThat(s.condition(ConditionType.READY).status()).isEqualTo("True");
    });
    FixedCidrPoolStatus s = status();
    assertThat(s.observedGeneration()).as("the API server's generation").isEqualTo(1L);
    assertThat(s.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(s.nodes().configured()).containsExactly("n-h", "n-i");
    assertThat(s.conditions()).extracting(PoolCondition::status).containsOnly("True");

    kube.nodes().withName("n-h").edit(n -> new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build());
    awaitConfigured("n-h");

    kube.configMaps().inNamespace("kube-system").withName("eni-config-db").delete();
    await("override recreated").atMost(SOON).untilAsserted(() -> assertThat(h.eniConf("eni-config-db")).contains("vsw-i"));

    h.node("n-new", ZONE_I, NP);
    awaitConfigured("n-new");
  }

  @Test
  @Order(2)
  void theLeaseIsHeldAndHandedOverOnClose() {
    Lease held = kube.leases().inNamespace("kube-system").withName(LEASE).get();
    assertThat(held.getSpec().getHolderIdentity()).isEqualTo("agent-e2e");

    controller.close();
    // fabric8 releases by shortening the lease to 1 s from now (the holder name stays): the next
    // replica takes over within a second instead of after the 15 s lease duration
    Lease released = kube.leases().inNamespace("kube-system").withName(LEASE).get();
    assertThat(released.getSpec().getLeaseDurationSeconds()).as("released: %s", released.getSpec()).isEqualTo(1);
    assertThat(released.getSpec().getRenewTime()).isAfter(held.getSpec().getRenewTime());
  }
}
