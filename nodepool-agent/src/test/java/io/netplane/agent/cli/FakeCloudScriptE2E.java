package io.netplane.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import io.netplane.config.cloud.CloudCredentials;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.VSwitch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/local/fake-cloud.sh as a reader of the rollout guide runs it: it builds and starts the
 * server from deploy/local's seed, writes fake-cloud.env, and --stop stops it. An E2E because it
 * runs Maven (the script resolves the config module's test classpath).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FakeCloudScriptE2E {
  static final Path SCRIPT = Path.of("..", "deploy", "local", "fake-cloud.sh");
  static final Path STATE = Path.of("target", "e2e", "fake-cloud").toAbsolutePath();

  @Test
  void theScriptServesTheSeedKeepsCreatedPoolsAndStops() throws Exception {
    script("--stop"); // a server left over by an interrupted run
    String out = script();
    Path envFile = STATE.resolve("fake-cloud.env");
    try {
      Map<String, String> env = LocalCloudIT.readEnvFile(envFile);
      String endpoint = env.get("NETPLANE_CLOUD_ENDPOINT");
      assertThat(out.strip().lines().reduce((a, b) -> b))
          .as("the last line is the endpoint")
          .hasValue(endpoint);

      // what the agent's default credential chain would find in the environment
      AlibabaCloudClients cloud =
          AlibabaCloudClients.create(
              CloudConfig.builder(env.get("NETPLANE_CLOUD_REGION"))
                  .endpoint(endpoint)
                  .protocol(CloudConfig.Protocol.HTTP)
                  .credentials(
                      CloudCredentials.accessKey(
                          env.get("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                          env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET")))
                  .build());
      assertThat(cloud.inventory().describeVSwitches("vpc-xxx", List.of("vsw-dbc-h")))
          .extracting(VSwitch::cidr)
          .containsExactly("10.100.0.0/24");
      String id =
          cloud
              .nodePools()
              .createNodePool(
                  "c-xxx",
                  new NodePoolSpec(
                      "db-clients",
                      List.of("vsw-node-h"),
                      List.of("ecs.g7.xlarge"),
                      3,
                      List.of(),
                      Map.of("netplane.io/pool", "db-clients"),
                      List.of()));
      assertThat(cloud.nodePools().describeNodePools("c-xxx"))
          .extracting(NodePool::id)
          .containsExactly("np-default", id);
      assertThat(Files.readString(STATE.resolve("logs/fake-cloud.log")))
          .contains("CreateClusterNodePool -> 200");
    } finally {
      String endpoint =
          Files.exists(envFile)
              ? LocalCloudIT.readEnvFile(envFile).get("NETPLANE_CLOUD_ENDPOINT")
              : null;
      script("--stop");
      assertThat(STATE.resolve("run/fake-cloud.pid")).doesNotExist();
      if (endpoint != null) {
        assertThat(listening(endpoint))
            .as("nothing listens on " + endpoint + " after --stop")
            .isFalse();
      }
    }
  }

  /** Runs the script, failing with its output unless it exits 0; returns its stdout. */
  static String script(String... args) throws Exception {
    Path stdout = Files.createTempFile("fake-cloud", ".out");
    Path stderr = Files.createTempFile("fake-cloud", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(
                Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(args)).toList())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().put("NETPLANE_LOCAL_DIR", STATE.toString());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("fake-cloud.sh finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(stderr, StandardCharsets.UTF_8)).isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  static boolean listening(String hostPort) {
    String[] hp = hostPort.split(":");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
