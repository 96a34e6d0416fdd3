package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netplane.config.load.SnapshotLoadException;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.VSwitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded OpenAPI responses read as the live adapters read the cloud. */
class RecordedCloudTest {
  /** The seed of deploy/local/fake-cloud.sh, which the rollout guide uses. */
  static final Path LOCAL_SEED = Path.of("..", "deploy", "local", "fake-cloud");

  @TempDir Path dir;

  @Test
  void readsTheLocalSeed() {
    RecordedCloud cloud = RecordedCloud.load(LOCAL_SEED);

    assertThat(
            cloud.describeVSwitches("vpc-xxx", List.of("vsw-dbc-h", "vsw-dbc-i", "vsw-other-vpc")))
        .containsExactly(
            new VSwitch("vsw-dbc-h", "cn-hangzhou-h", "10.100.0.0/24", "vpc-xxx", 252L),
            new VSwitch("vsw-dbc-i", "cn-hangzhou-i", "10.100.1.0/24", "vpc-xxx", 252L));
    assertThat(cloud.describeVSwitches(null, List.of("vsw-other-vpc")))
        .extracting(VSwitch::vpcId)
        .containsExactly("vpc-other");
    assertThat(cloud.describeInstanceTypes(List.of("ecs.g7.xlarge", "ecs.unknown")))
        .extracting(t -> t.eniQuantity())
        .containsExactly(4);
    assertThat(cloud.describeNodePools("c-xxx"))
        .extracting(NodePool::id, NodePool::desiredSize)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("np-default", 2L));
  }

  @Test
  void nodePoolsKeepLabelsTaintsAndStatus() throws Exception {
    Files.writeString(
        dir.resolve("pools.json"),
        """
        {"cluster_id": "c-1", "nodepools": [{
          "nodepool_info": {"nodepool_id": "np1", "name": "db"},
          "scaling_group": {"vswitch_ids": ["vsw-a"], "instance_types": ["ecs.g7.large"], "desired_size": 3},
          "kubernetes_config": {"labels": [{"key": "netplane.io/pool", "value": "db"}],
                                "taints": [{"key": "netplane.io/pool", "value": "db", "effect": "NoSchedule"}]},
          "status": {"state": "scaling", "total_nodes": 3, "healthy_nodes": 1}}]}
        """);
    Files.writeString(dir.resolve("empty.json"), "{\"cluster_id\": \"c-2\", \"nodepools\": []}");

    RecordedCloud cloud = RecordedCloud.load(dir);

    NodePool p = cloud.describeNodePool("c-1", "np1");
    assertThat(p.name()).isEqualTo("db");
    assertThat(p.vSwitchIds()).containsExactly("vsw-a");
    assertThat(p.desiredSize()).isEqualTo(3L);
    assertThat(p.labels()).isEqualTo(Map.of("netplane.io/pool", "db"));
    assertThat(p.taints()).containsExactly(new NodeTaint("netplane.io/pool", "db", "NoSchedule"));
    assertThat(p.status().state()).isEqualTo("scaling");
    assertThat(p.status().healthyNodes()).isEqualTo(1);
    assertThat(cloud.describeNodePools("c-2")).isEmpty();
  }

  @Test
  void unknownClustersAndPoolsAre404sAndWritesAreRefused() throws Exception {
    Files.writeString(dir.resolve("pools.json"), "{\"cluster_id\": \"c-1\", \"nodepools\": []}");
    RecordedCloud cloud = RecordedCloud.load(dir);

    assertThat(
            catchThrowableOfType(CloudException.class, () -> cloud.describeNodePools("c-9"))
                .httpStatus())
        .isEqualTo(404);
    assertThat(
            catchThrowableOfType(CloudException.class, () -> cloud.describeNodePool("c-1", "np9"))
                .code())
        .isEqualTo("ErrorNodePoolNotFound");
    assertThatThrownBy(() -> cloud.createNodePool("c-1", SdkNodePoolsTest.dbPool()))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("read-only");
  }

  @Test
  void aNodePoolsResponseWithoutClusterIdIsRejectedNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("pools.json"), "{\"nodepools\": []}");

    assertThatThrownBy(() -> RecordedCloud.load(dir))
        .isInstanceOf(SnapshotLoadException.class)
        .hasMessageContaining("pools.json")
        .hasMessageContaining("cluster_id");
  }

  @Test
  void aClusterRecordedTwiceIsRejected() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{\"cluster_id\": \"c-1\", \"nodepools\": []}");
    Files.writeString(dir.resolve("b.json"), "{\"cluster_id\": \"c-1\", \"nodepools\": []}");

    assertThatThrownBy(() -> RecordedCloud.load(dir))
        .hasMessageContaining("b.json")
        .hasMessageContaining("twice");
  }
}
