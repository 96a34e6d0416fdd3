package io.netplane.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.netplane.agent.cli.PoolDocuments;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.fixtures.KubeFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mock API server client plus the fake cloud, wired into an applier; for ITs and the benchmark.
 */
public final class Harness implements AutoCloseable {
  public static final String CLUSTER = "c-test";
  public static final String VPC = "vpc-1";
  public static final String ZONE_H = "cn-hangzhou-h";
  public static final String ZONE_I = "cn-hangzhou-i";
  public static final String NP = "np1";

  /** Pool {@code db} over the ACK node pool {@link #NP} and the pod vSwitches of zones h and i. */
  public static final String POOL =
      """
      apiVersion: netplane.io/v1alpha1
      kind: FixedCidrPool
      metadata: {name: db}
      spec:
        nodePool: {id: np1}
        podVSwitchIds: [vsw-h, vsw-i]
        expectedPods: 100
      """;

  /** The default taint of pool {@code db}. */
  public static final Taint POOL_TAINT =
      new TaintBuilder()
          .withKey("netplane.io/pool")
          .withValue("db")
          .withEffect("NoSchedule")
          .build();

  public final KubernetesClient client;
  public final FakeAlibabaCloud cloud;
  public final KubeCluster kube;
  public final Cloud cloudSide;
  public final PoolApplier applier;

  /** Backoff waits requested (never actually slept). */
  public final List<Duration> waits = new CopyOnWriteArrayList<>();

  public Harness(KubernetesClient client) {
    this.client = client;
    this.cloud = FakeAlibabaCloud.start();
    cloud.addVSwitch("vsw-h", ZONE_H, "10.1.0.0/24", VPC, 250);
    cloud.addVSwitch("vsw-i", ZONE_I, "10.1.1.0/24", VPC, 250);
    cloud.addVSwitch("vsw-node-h", ZONE_H, "10.0.0.0/24", VPC, 200);
    cloud.addVSwitch("vsw-base-h", ZONE_H, "10.2.0.0/24", VPC, 200);
    cloud.addCluster(CLUSTER);
    cloud
        .addNodePool(CLUSTER, NP, "db")
        .vSwitchIds(List.of("vsw-node-h"))
        .instanceTypes(List.of("ecs.g7.xlarge"))
        .desiredSize(2);
    AlibabaCloudClients clients = AlibabaCloudClients.create(cloud.cloudConfig());
    this.kube = new KubeCluster(client);
    this.cloudSide = new Cloud(clients.inventory(), clients.nodePools(), CLUSTER, VPC);
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 4, waits::add);
    this.applier =
        new PoolApplier(
            kube,
            cloudSide,
            new ClusterObserver(kube, cloudSide, backoff, Clock.systemUTC()),
            backoff,
            16);
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            KubeFixtures.eniConfig(
                "eni-config",
                "{\"vswitches\":{\""
                    + ZONE_H
                    + "\":[\"vsw-base-h\"]},\"security_group\":\"sg-base\"}"))
        // or update: the E2E classes share one API server, and a loaded machine can time a create
        // out after it was stored (the retry gets 409)
        .createOr(NonDeletingOperation::update);
  }

  /** Nodes {@code n-h} and {@code n-i} of {@link #NP}, and {@code web-1} of another node pool. */
  public Harness poolNodes() {
    node("n-h", ZONE_H, NP);
    node("n-i", ZONE_I, NP);
    node("web-1", ZONE_H, "np-web");
    return this;
  }

  public Node node(String name, String zone, String nodePoolId) {
    return client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("topology.kubernetes.io/zone", zone)
                .addToLabels("alibabacloud.com/nodepool-id", nodePoolId)
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
  }

  /** Stores a FixedCidrPool object given as YAML (not validated: the controller does that). */
  public void createPool(String yaml) {
    createPool(client, yaml);
  }

  public static void createPool(KubernetesClient client, String yaml) {
    JsonNode doc = PoolDocuments.parse("pool", yaml).get(0);
    client
        .genericKubernetesResources(FixedCidrPools.CONTEXT)
        .resource(
            client.getKubernetesSerialization().convertValue(doc, GenericKubernetesResource.class))
        .create();
  }

  public Node get(String node) {
    return client.nodes().withName(node).get();
  }

  /** Fails unless the node carries pool {@code db}'s labels and only its taint. */
  public void assertConfigured(String node) {
    assertThat(labels(node))
        .containsEntry("terway-config", "eni-config-db")
        .containsEntry("netplane.io/pool", "db");
    assertThat(taints(node)).containsExactly(POOL_TAINT);
  }

  /** The status of a FixedCidrPool object as stored (whatever its spec), or null. */
  public FixedCidrPoolStatus poolStatus(String pool) {
    var raw = client.genericKubernetesResources(FixedCidrPools.CONTEXT).withName(pool).get();
    Object status = raw == null ? null : raw.getAdditionalProperties().get("status");
    return status == null
        ? null
        : client.getKubernetesSerialization().convertValue(status, FixedCidrPoolStatus.class);
  }

  public Map<String, String> labels(String node) {
    return get(node).getMetadata().getLabels();
  }

  public List<Taint> taints(String node) {
    Node n = get(node);
    return n.getSpec() == null || n.getSpec().getTaints() == null
        ? List.of()
        : n.getSpec().getTaints();
  }

  public String eniConf(String cm) {
    var c = client.configMaps().inNamespace("kube-system").withName(cm).get();
    return c == null ? null : c.getData().get("eni_conf");
  }

  @Override
  public void close() {
    applier.close();
    cloud.close();
    client.nodes().delete();
    client.pods().inAnyNamespace().delete();
    client.configMaps().inAnyNamespace().delete();
  }
}
