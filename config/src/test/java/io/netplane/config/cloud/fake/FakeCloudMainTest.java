package io.netplane.config.cloud.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.cloud.RecordedCloud;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The runnable fake: seeding and refusing a bad seed (serving is checked by the agent's
 * LocalCloudIT).
 */
class FakeCloudMainTest {
  @TempDir Path dir;
  StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cl = new CommandLine(new FakeCloudMain());
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void recordedPoolsAreServedWithTheirLabelsTaintsAndStatus() throws Exception {
    Files.writeString(
        dir.resolve("pools.json"),
        """
        {"cluster_id": "c-1", "nodepools": [{
          "nodepool_info": {"nodepool_id": "np1", "name": "db"},
          "scaling_group": {"vswitch_ids": ["vsw-a"], "instance_types": ["ecs.g7.large"], "desired_size": 3},
          "kubernetes_config": {"labels": [{"key": "team", "value": "db"}],
                                "taints": [{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]},
          "status": {"state": "scaling", "total_nodes": 3, "healthy_nodes": 1}}]}
        """);
    try (FakeAlibabaCloud cloud = FakeAlibabaCloud.start()) {
      FakeCloudMain.seed(cloud, RecordedCloud.load(dir));

      FakeNodePool pool = cloud.nodePool("c-1", "np1");
      assertThat(pool.name()).isEqualTo("db");
      assertThat(pool.vSwitchIds()).containsExactly("vsw-a");
      assertThat(pool.desiredSize()).isEqualTo(3L);
      assertThat(pool.labels()).containsEntry("team", "db");
      assertThat(pool.taints())
          .containsExactly(new FakeNodePool.Taint("dedicated", "db", "NoSchedule"));
      assertThat(pool.state()).isEqualTo("scaling");
      assertThat(cloud.nodePools("c-1")).hasSize(1);
    }
  }

  @Test
  void aSeedThatCannotBeReadIsAnErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("vswitches.json"), "{\"VSwitches\": {\"VSwitch\": [");

    assertThat(run("--seed", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: ").contains("vswitches.json");
  }

  @Test
  void aVSwitchWithoutFreeIpsIsRefused() throws Exception {
    Files.writeString(
        dir.resolve("vswitches.json"),
        "{\"VSwitches\": {\"VSwitch\": [{\"VSwitchId\": \"vsw-a\", \"ZoneId\": \"z\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/24\"}]}}");

    assertThat(run("--seed", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("vSwitch vsw-a has no AvailableIpAddressCount");
  }

  @Test
  void aSeedDirectoryIsRequired() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--seed=DIR'");
    assertThat(run("--seed", dir.resolve("missing").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("not a directory");
    assertThat(List.of(dir.toFile().list())).isEmpty();
  }
}
