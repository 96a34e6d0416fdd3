package io.netplane.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import io.netplane.config.cloud.CloudCredentials;
import io.netplane.config.cloud.fake.FakeCloudMain;
import io.netplane.config.fixtures.KubeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The rollout guide's pool against deploy/local's cloud seed: through the runnable fake OpenAPI
 * server (the process deploy/local/fake-cloud.sh starts) and through {@code --inventory} replay.
 */
@EnableKubernetesMockClient(crud = true)
class LocalCloudIT {
  static final Path SEED = Path.of("..", "deploy", "local", "fake-cloud");
  static final Path GUIDE = Path.of("..", "docs", "fixed-cidr-rollout.md");
  static final String CLUSTER_FLAGS = "--cluster-id c-xxx --vpc vpc-xxx";

  static KubernetesClient client;

  @TempDir Path dir;
  Path pool;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void cluster() throws Exception {
    pool = dir.resolve("db-clients.yaml");
    Files.writeString(pool, guidePool());
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(
            KubeFixtures.eniConfig(
                "eni-config",
                "{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-pods-h\"],\"cn-hangzhou-i\":[\"vsw-pods-i\"]},\"security_group\":\"sg-default\"}"))
        .createOr(NonDeletingOperation::update); // a create retried under load must not fail
  }

  @AfterEach
  void clean() {
    client.configMaps().inAnyNamespace().delete();
  }

  /** The pool document of the guide's section 2, as a reader would copy it. */
  static String guidePool() throws Exception {
    Matcher m =
        Pattern.compile("`db-clients.yaml`:\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(GUIDE));
    assertThat(m.find()).as("the db-clients.yaml block of " + GUIDE).isTrue();
    return m.group(1);
  }

  @Test
  void theRunnableFakeServesTheSeedAndSeesThePoolItCreated() throws Exception {
    Path envFile = dir.resolve("fake-cloud.env");
    Path log = dir.resolve("fake-cloud.log");
    Process fake =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeCloudMain.class.getName(),
                "--seed",
                SEED.toString(),
                "--env-file",
                envFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Map<String, String> env = awaitEnvFile(fake, envFile, log);
      Connections connections = connections(env);
      String cloudFlags =
          "--region "
              + env.get("NETPLANE_CLOUD_REGION")
              + " --cloud-endpoint "
              + env.get("NETPLANE_CLOUD_ENDPOINT")
              + " --cloud-protocol HTTP "
              + CLUSTER_FLAGS;

      assertThat(run(connections, "plan --exit-code -f " + pool + " " + cloudFlags))
          .as(err.toString())
          .isEqualTo(PlanCommand.CHANGES);
      assertThat(out.toString())
          .contains("+ NodePool db-clients (create: 3 x ecs.g7.xlarge in vsw-node-h, vsw-node-i)")
          .contains("whitelist: 10.100.0.0/24 10.100.1.0/24");

      assertThat(run(connections, "apply -f " + pool + " " + cloudFlags))
          .as(err.toString())
          .isZero();
      assertThat(out.toString()).contains("NodePool db-clients created");

      // the pool created in the server is found again by name: nothing left to do
      assertThat(run(connections, "plan --exit-code -f " + pool + " " + cloudFlags))
          .as(out + "" + err)
          .isZero();
      assertThat(Files.readString(log))
          .contains("fake Alibaba Cloud on " + env.get("NETPLANE_CLOUD_ENDPOINT"))
          .containsOnlyOnce("CreateClusterNodePool -> 200");
    } finally {
      fake.destroy();
      assertThat(fake.waitFor(10, TimeUnit.SECONDS)).as("the fake stops on SIGTERM").isTrue();
    }
  }

  @Test
  void inventoryReplaysTheSeedWithoutACloud() throws Exception {
    Connections noCloud = connections(null);
    String replay = "--inventory " + SEED + " " + CLUSTER_FLAGS;

    assertThat(run(noCloud, "plan --exit-code -f " + pool + " " + replay))
        .as(err.toString())
        .isEqualTo(PlanCommand.CHANGES);
    assertThat(out.toString())
        .contains("+ ConfigMap kube-system/eni-config-db-clients (create)")
        .contains(
            "\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-dbc-h\"],\"cn-hangzhou-i\":[\"vsw-dbc-i\"]}")
        .contains("+ NodePool db-clients (create: 3 x ecs.g7.xlarge in vsw-node-h, vsw-node-i)")
        .contains("whitelist: 10.100.0.0/24 10.100.1.0/24");

    assertThat(run(noCloud, "cidrs -f " + pool + " --inventory " + SEED))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .isEqualTo("POOL        CIDR\ndb-clients  10.100.0.0/24\ndb-clients  10.100.1.0/24\n");
    assertThat(run(noCloud, "cidrs -f " + pool + " --inventory " + SEED + " -o wide"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
        POOL        CIDR           VSWITCH    ZONE
        db-clients  10.100.0.0/24  vsw-dbc-h  cn-hangzhou-h
        db-clients  10.100.1.0/24  vsw-dbc-i  cn-hangzhou-i
        """);
    assertThat(run(noCloud, "cidrs -f " + pool + " --inventory " + SEED + " -o json"))
        .as(err.toString())
        .isZero();
    JsonNode vSwitch = new ObjectMapper().readTree(out.toString()).get(0).get("vSwitches").get(0);
    assertThat(vSwitch.fieldNames()).toIterable().containsExactly("id", "zone", "cidr");
    assertThat(vSwitch.get("id").asText()).isEqualTo("vsw-dbc-h");

    Files.writeString(
        dir.resolve("outside.yaml"), guidePool().replace("vsw-dbc-i]", "vsw-other-vpc]"));
    assertThat(run(noCloud, "plan -f " + dir.resolve("outside.yaml") + " " + replay)).isEqualTo(1);
    assertThat(out.toString()).contains("VSwitchOutsideClusterVpc");
  }

  @Test
  void inventoryMistakesAreClearErrors() throws Exception {
    Connections noCloud = connections(null);
    assertThat(run(noCloud, "plan -f " + pool + " --inventory " + SEED + " --region cn-hangzhou"))
        .as("bad usage")
        .isEqualTo(2);
    assertThat(err.toString()).contains("either --inventory or --region, not both");

    assertThat(run(noCloud, "cidrs -f " + pool + " --inventory " + dir.resolve("missing")))
        .isEqualTo(1);
    assertThat(err.toString()).contains("is not a directory");

    Path bad = Files.createDirectory(dir.resolve("bad"));
    Files.writeString(bad.resolve("pools.json"), "{\"nodepools\": []}");
    assertThat(
            run(
                noCloud,
                "plan --exit-code -f " + pool + " --inventory " + bad + " " + CLUSTER_FLAGS))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("pools.json")
        .contains("cluster_id")
        .doesNotContain("Exception");
    assertThat(client.configMaps().inNamespace("kube-system").list().getItems()).hasSize(1);
  }

  /** The fake's AccessKey from its env file (the default chain would read the same variables). */
  Connections connections(Map<String, String> env) {
    return CliIT.connections(
        client,
        config -> {
          if (env == null) {
            return fail("the cloud must not be asked: " + config);
          }
          return AlibabaCloudClients.create(
              CloudConfig.builder(config.regionId())
                  .endpoint(config.endpoint())
                  .protocol(config.protocol())
                  .credentials(
                      CloudCredentials.accessKey(
                          env.get("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                          env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET")))
                  .build());
        });
  }

  int run(Connections connections, String args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = Main.commandLine(connections);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args.split(" "));
  }

  static Map<String, String> awaitEnvFile(Process fake, Path envFile, Path log) throws Exception {
    await("the fake's env file")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.exists(envFile) || !fake.isAlive());
    if (!Files.exists(envFile)) {
      fail("the fake did not start: " + Files.readString(log));
    }
    return readEnvFile(envFile);
  }

  /** The exports of a fake-cloud.env. */
  static Map<String, String> readEnvFile(Path envFile) throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      if (line.startsWith("export ")) {
        String[] kv = line.substring("export ".length()).split("=", 2);
        env.put(kv[0], kv[1]);
      }
    }
    assertThat(env)
        .containsKeys(
            "NETPLANE_CLOUD_ENDPOINT", "NETPLANE_CLOUD_REGION", "ALIBABA_CLOUD_ACCESS_KEY_ID");
    return env;
  }
}
