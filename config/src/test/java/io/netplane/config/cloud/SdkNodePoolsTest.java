package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.cloud.fake.FakeNodePool;
import io.netplane.config.cloud.fake.Fault;
import io.netplane.config.cloud.fake.RecordedCall;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolStatus;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Container Service node-pool adapter through cs20151215 against the fake. */
class SdkNodePoolsTest {
  static final String CLUSTER = "c-1234";

  FakeAlibabaCloud cloud;
  NodePools pools;

  @BeforeEach
  void start() {
    cloud = FakeAlibabaCloud.start();
    cloud.addVSwitch("vsw-node-h", "cn-hangzhou-h", "10.0.0.0/24", "vpc-1", 200);
    cloud.addVSwitch("vsw-node-i", "cn-hangzhou-i", "10.0.1.0/24", "vpc-1", 200);
    cloud.addVSwitch("vsw-node-j", "cn-hangzhou-j", "10.0.2.0/24", "vpc-1", 200);
    cloud.addCluster(CLUSTER);
    pools = AlibabaCloudClients.create(cloud.cloudConfig()).nodePools();
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  static NodePoolSpec dbPool() {
    return new NodePoolSpec(
        "pool-db",
        List.of("vsw-node-h", "vsw-node-i"),
        List.of("ecs.g7.large", "ecs.g6.large"),
        2,
        List.of("sg-1"),
        Map.of("terway-config", "eni-config-pool-db", "netplane.io/pool", "pool-db"),
        List.of(new NodeTaint("netplane.io/pool", "pool-db", "NoSchedule")));
  }

  @Test
  void createPutsLabelsAndTaintsInKubernetesConfig() {
    String id = pools.createNodePool(CLUSTER, dbPool());

    RecordedCall create = cloud.calls("CreateClusterNodePool").get(0);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/clusters/" + CLUSTER + "/nodepools");
    JsonNode body = create.json();
    assertThat(body.at("/nodepool_info/name").asText()).isEqualTo("pool-db");
    assertThat(body.at("/nodepool_info/type").asText()).isEqualTo("ess");
    assertThat(body.at("/scaling_group/vswitch_ids").toString())
        .isEqualTo("[\"vsw-node-h\",\"vsw-node-i\"]");
    assertThat(body.at("/scaling_group/desired_size").asLong()).isEqualTo(2);
    assertThat(body.at("/scaling_group/security_group_ids").toString()).isEqualTo("[\"sg-1\"]");
    Map<String, String> labels = new TreeMap<>();
    body.at("/kubernetes_config/labels")
        .forEach(l -> labels.put(l.get("key").asText(), l.get("value").asText()));
    assertThat(labels)
        .containsExactly(
            Map.entry("netplane.io/pool", "pool-db"),
            Map.entry("terway-config", "eni-config-pool-db"));
    assertThat(body.at("/kubernetes_config/taints/0/key").asText()).isEqualTo("netplane.io/pool");
    assertThat(body.at("/kubernetes_config/taints/0/value").asText()).isEqualTo("pool-db");
    assertThat(body.at("/kubernetes_config/taints/0/effect").asText()).isEqualTo("NoSchedule");

    FakeNodePool stored = cloud.nodePool(CLUSTER, id);
    assertThat(stored.labels())
        .containsOnly(
            Map.entry("terway-config", "eni-config-pool-db"),
            Map.entry("netplane.io/pool", "pool-db"));
    assertThat(stored.taints())
        .containsExactly(new FakeNodePool.Taint("netplane.io/pool", "pool-db", "NoSchedule"));
  }

  @Test
  void createDescribeModifyRoundTrip() {
    String id = pools.createNodePool(CLUSTER, dbPool());

    NodePool created = pools.describeNodePool(CLUSTER, id);
    assertThat(created)
        .isEqualTo(
            new NodePool(
                id,
                "pool-db",
                List.of("vsw-node-h", "vsw-node-i"),
                2L,
                List.of("ecs.g7.large", "ecs.g6.large"),
                List.of("sg-1"),
                Map.of("terway-config", "eni-config-pool-db", "netplane.io/pool", "pool-db"),
                List.of(new NodeTaint("netplane.io/pool", "pool-db", "NoSchedule")),
                new NodePoolStatus("active", 2, 2, 2, 0, 0, 0, 0)));
    assertThat(pools.describeNodePools(CLUSTER)).containsExactly(created);

    String task =
        pools.modifyNodePool(
            CLUSTER,
            id,
            NodePoolUpdate.none()
                .withDesiredSize(3)
                .withVSwitchIds(List.of("vsw-node-h", "vsw-node-i", "vsw-node-j"))
                .withLabels(
                    Map.of(
                        "terway-config",
                        "eni-config-pool-db",
                        "netplane.io/pool",
                        "pool-db",
                        "team",
                        "db"))
                .withTaints(List.of())
                .withUpdateNodes(true));

    assertThat(task).isNotBlank();
    RecordedCall modify = cloud.calls("ModifyClusterNodePool").get(0);
    assertThat(modify.method()).isEqualTo("PUT");
    assertThat(modify.path()).isEqualTo("/clusters/" + CLUSTER + "/nodepools/" + id);
    assertThat(modify.json().at("/update_nodes").asBoolean()).isTrue();
    assertThat(modify.json().at("/kubernetes_config/taints").isArray()).isTrue();
    assertThat(modify.json().at("/kubernetes_config/taints")).isEmpty();
    assertThat(modify.json().at("/scaling_group/instance_types").isMissingNode()).isTrue();

    NodePool modified = pools.describeNodePool(CLUSTER, id);
    assertThat(modified.desiredSize()).isEqualTo(3);
    assertThat(modified.vSwitchIds()).containsExactly("vsw-node-h", "vsw-node-i", "vsw-node-j");
    assertThat(modified.labels()).containsEntry("team", "db").hasSize(3);
    assertThat(modified.taints()).isEmpty();
    // fields the update left out stay as they were
    assertThat(modified.instanceTypes()).containsExactly("ecs.g7.large", "ecs.g6.large");
    assertThat(cloud.nodePool(CLUSTER, id).lastUpdateNodes()).isTrue();
  }

  @Test
  void aSizeOnlyModifyLeavesLabelsAndTaintsAlone() {
    String id = pools.createNodePool(CLUSTER, dbPool());

    pools.modifyNodePool(CLUSTER, id, NodePoolUpdate.none().withDesiredSize(0));

    assertThat(cloud.calls("ModifyClusterNodePool").get(0).json().has("kubernetes_config"))
        .isFalse();
    NodePool after = pools.describeNodePool(CLUSTER, id);
    assertThat(after.desiredSize()).isZero();
    assertThat(after.labels()).hasSize(2);
    assertThat(after.taints()).hasSize(1);
  }

  @Test
  void describesPoolsSetUpInTheFake() {
    cloud
        .addNodePool(CLUSTER, "np-default", "default-nodepool")
        .vSwitchIds(List.of("vsw-node-h"))
        .instanceTypes(List.of("ecs.g7.xlarge"))
        .desiredSize(5)
        .label("k", "v")
        .status("scaling", 5, 3);

    NodePool pool = pools.describeNodePool(CLUSTER, "np-default");

    assertThat(pool.status()).isEqualTo(new NodePoolStatus("scaling", 5, 3, 3, 0, 2, 0, 0));
    assertThat(pool.labels()).containsExactly(Map.entry("k", "v"));
  }

  @Test
  void anUnknownPoolIsA404WithTheApiCode() {
    CloudException e =
        catchThrowableOfType(
            CloudException.class, () -> pools.describeNodePool(CLUSTER, "np-missing"));

    assertThat(e.code()).isEqualTo("ErrorNodePoolNotFound");
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.retryable()).isFalse();
    assertThat(e.action()).isEqualTo("DescribeClusterNodePoolDetail");
    assertThat(e.requestId()).isNotBlank();

    CloudException modify =
        catchThrowableOfType(
            CloudException.class,
            () ->
                pools.modifyNodePool(
                    CLUSTER, "np-missing", NodePoolUpdate.none().withDesiredSize(1)));
    assertThat(modify.code()).isEqualTo("ErrorNodePoolNotFound");
  }

  @Test
  void anUnknownClusterIsA404() {
    CloudException e =
        catchThrowableOfType(CloudException.class, () -> pools.describeNodePools("c-nope"));
    assertThat(e.code()).isEqualTo("ErrorClusterNotFound");
    assertThat(e.httpStatus()).isEqualTo(404);
  }

  @Test
  void anInvalidTaintIsRejectedAndCreatesNothing() {
    NodePoolSpec bad =
        new NodePoolSpec(
            "pool-x",
            List.of("vsw-node-h"),
            List.of("ecs.g7.large"),
            1,
            null,
            null,
            List.of(new NodeTaint("k", "v", "NoScheduleTypo")));

    CloudException e =
        catchThrowableOfType(CloudException.class, () -> pools.createNodePool(CLUSTER, bad));

    assertThat(e.code()).isEqualTo("InvalidParameter");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.apiMessage()).contains("NoScheduleTypo");
    assertThat(cloud.nodePools(CLUSTER)).isEmpty();
  }

  @Test
  void anUnknownNodeVSwitchIsRejected() {
    NodePoolSpec bad =
        new NodePoolSpec(
            "pool-x", List.of("vsw-typo"), List.of("ecs.g7.large"), 1, null, null, null);

    CloudException e =
        catchThrowableOfType(CloudException.class, () -> pools.createNodePool(CLUSTER, bad));

    assertThat(e.code()).isEqualTo("InvalidParameter");
    assertThat(e.apiMessage()).contains("vsw-typo");
  }

  @Test
  void throttledCreateIsThrottledAndCreatesNothing() {
    cloud.failNext("CreateClusterNodePool", 1, Fault.throttling());

    CloudException e =
        catchThrowableOfType(CloudException.class, () -> pools.createNodePool(CLUSTER, dbPool()));

    assertThat(e.throttled()).isTrue();
    assertThat(cloud.nodePools(CLUSTER)).isEmpty();
    assertThat(pools.createNodePool(CLUSTER, dbPool())).startsWith("np");
  }
}
