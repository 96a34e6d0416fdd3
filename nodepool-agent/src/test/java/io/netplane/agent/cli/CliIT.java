package io.netplane.agent.cli;

import static io.netplane.agent.apply.Harness.NP;
import static io.netplane.agent.apply.Harness.POOL;
import static io.netplane.agent.apply.Harness.ZONE_H;
import static io.netplane.agent.apply.Harness.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import io.netplane.config.fixtures.KubeFixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end against the mock API server and the fake cloud. */
@EnableKubernetesMockClient(crud = true)
class CliIT {
  static KubernetesClient client;

  @TempDir Path dir;
  Harness h;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void start() {
    h = new Harness(client);
    h.node("n-h", ZONE_H, NP);
    h.node("n-i", ZONE_I, NP);
  }

  @AfterEach
  void stop() {
    client.genericKubernetesResources(FixedCidrPools.CONTEXT).delete();
    h.close();
  }

  Connections connections() {
    return connections(
        client,
        config -> {
          assertThat(config.endpoint()).isEqualTo(h.cloud.endpoint());
          assertThat(config.protocol()).isEqualTo(CloudConfig.Protocol.HTTP);
          // the fake's AccessKey instead of the default credential chain
          return AlibabaCloudClients.create(h.cloud.cloudConfigBuilder().build());
        });
  }

  /** The mock API server, and the cloud clients {@code cloud} makes of the command's config. */
  static Connections connections(
      KubernetesClient mock, Function<CloudConfig, AlibabaCloudClients> cloud) {
    return new Connections() {
      @Override
      public KubernetesClient kubernetes(Path kubeconfig, String context) {
        // a client of its own: the command closes it
        return new KubernetesClientBuilder().withConfig(mock.getConfiguration()).build();
      }

      @Override
      public AlibabaCloudClients cloud(CloudConfig config) {
        return cloud.apply(config);
      }
    };
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = Main.commandLine(connections());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 8];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {
          "--region",
          "cn-hangzhou",
          "--cloud-endpoint",
          h.cloud.endpoint(),
          "--cloud-protocol",
          "HTTP",
          "--cluster-id",
          Harness.CLUSTER
        },
        0,
        all,
        args.length,
        8);
    return cl.execute(all);
  }

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void planShowsTheDiffApplyAppliesAndPlanThenSaysNothing() throws Exception {
    Path f = file("pool.yaml", POOL);
    assertThat(run("plan", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(run("plan", "--exit-code", "-f", f.toString()))
        .as(err.toString())
        .isEqualTo(PlanCommand.CHANGES);
    assertThat(out.toString())
        .contains("FixedCidrPool db: 4 change(s)")
        .contains("+ ConfigMap kube-system/eni-config-db (create)")
        .contains("~ NodePool np1 (db)")
        .contains("+ label terway-config=eni-config-db")
        .contains("+ taint netplane.io/pool=db:NoSchedule")
        .contains("whitelist: 10.1.0.0/24 10.1.1.0/24");
    assertThat(h.eniConf("eni-config-db")).isNull();

    assertThat(run("apply", "-f", f.toString(), "--vpc", "vpc-1")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("[db] ConfigMap kube-system/eni-config-db create")
        .contains("[db] NodePool np1 modified")
        .contains("[db] Node n-h patched")
        .contains(
            "[db] done: 4 step(s); nodes 2 configured, 0 needing recycle; whitelist 10.1.0.0/24 10.1.1.0/24");
    assertThat(h.labels("n-i")).containsEntry("terway-config", "eni-config-db");

    assertThat(run("plan", "--exit-code", "-f", f.toString())).isZero();
    assertThat(out.toString())
        .contains("FixedCidrPool db: no changes")
        .contains("nodes: 2 configured");

    assertThat(run("delete", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.labels("n-i")).doesNotContainKey("terway-config");
  }

  @Test
  void aPendingPodDoesNotStopPlanOrApplyAndProgressGoesToStderr() throws Exception {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("pending")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("x")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build())
        .create();
    Path f = file("pool.yaml", POOL);
    assertThat(run("plan", "--exit-code", "-f", f.toString()))
        .as(err.toString())
        .isEqualTo(PlanCommand.CHANGES);
    assertThat(out.toString()).startsWith("FixedCidrPool db: 4 change(s)").doesNotContain("...");
    assertThat(err.toString())
        .contains("[db] DescribeClusterNodePoolDetail np1 ...")
        .contains("[db] list nodes ...")
        .contains("[db] list pods (2 node(s) to check for ENIs in use) ...")
        .contains("[db] DescribeVSwitches vsw-h,vsw-i ...");

    assertThat(run("apply", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).doesNotContain("...");
    assertThat(err.toString())
        .contains("[db] create ConfigMap kube-system/eni-config-db ...")
        .contains("[db] ModifyClusterNodePool np1 ...")
        .contains("[db] patch 2 node(s) ...");
  }

  @Test
  void aConfigMapNetplaneDidNotCreateNeedsAdoptConfigMap() throws Exception {
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(KubeFixtures.eniConfig("eni-config-db", "{\"max_eni\":2}"))
        .create();
    Path f = file("pool.yaml", POOL);
    assertThat(run("apply", "-f", f.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("ERROR ConfigMapNotOwned kube-system/eni-config-db")
        .contains("spec.adoptConfigMap: true");
    assertThat(h.eniConf("eni-config-db")).isEqualTo("{\"max_eni\":2}");

    Path adopt = file("adopt.yaml", POOL + "  adoptConfigMap: true\n");
    assertThat(run("apply", "-f", adopt.toString())).as(err.toString()).isZero();
    assertThat(h.eniConf("eni-config-db")).contains("\"max_eni\":2").contains("vsw-h");
    assertThat(run("delete", "-f", adopt.toString())).as(err.toString()).isZero();
    assertThat(h.eniConf("eni-config-db")).isEqualTo("{\"max_eni\":2}");
  }

  @Test
  void deleteFromAFileIsRefusedWhileThePoolObjectExists() throws Exception {
    Path f = file("pool.yaml", POOL);
    assertThat(run("apply", "-f", f.toString())).as(err.toString()).isZero();
    h.createPool(POOL);
    h.cloud.clearCalls();

    assertThat(run("delete", "-f", f.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("[db] error: FixedCidrPool db exists in the cluster")
        .contains("kubectl delete fcp db")
        .contains("nothing deleted");
    assertThat(h.eniConf("eni-config-db")).isNotNull();
    assertThat(h.labels("n-h")).containsEntry("terway-config", "eni-config-db");
    assertThat(h.cloud.calls()).isEmpty();
  }

  @Test
  void anInvalidSpecListsEveryErrorAndAppliesNothing() throws Exception {
    Path f =
        file(
            "bad.yaml",
            POOL.replace("vsw-i]", "vsw-i, vsw-i]")
                .replace("expectedPods: 100", "expectedPods: 0\n  colour: blue"));
    assertThat(run("apply", "-f", f.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("3 error(s)")
        .contains("spec.podVSwitchIds[2]: Duplicate value")
        .contains("spec.expectedPods: Invalid value: 0")
        .contains("spec.colour: Unknown field");
    assertThat(h.eniConf("eni-config-db")).isNull();
    assertThat(h.cloud.calls()).isEmpty();
  }

  @Test
  void aBlockingFindingFailsPlanAndApply() throws Exception {
    Path f = file("pool.yaml", POOL.replace("vsw-i]", "vsw-gone]"));
    assertThat(run("plan", "-f", f.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("ERROR VSwitchNotFound vsw-gone");
    assertThat(run("apply", "-f", f.toString())).isEqualTo(1);
    assertThat(h.eniConf("eni-config-db")).isNull();
  }

  @Test
  void cidrsFromFilesAndFromTheCluster() throws Exception {
    Path f =
        file(
            "pools.yaml",
            POOL
                + "---\n"
                + POOL.replace("name: db", "name: reports")
                    .replace("[vsw-h, vsw-i]", "[vsw-base-h]"));
    assertThat(run("cidrs", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "POOL     CIDR\ndb       10.1.0.0/24\ndb       10.1.1.0/24\nreports  10.2.0.0/24\n");
    assertThat(run("cidrs", "-f", f.toString(), "-o", "wide")).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
        POOL     CIDR         VSWITCH     ZONE
        db       10.1.0.0/24  vsw-h       %s
        db       10.1.1.0/24  vsw-i       %s
        reports  10.2.0.0/24  vsw-base-h  %s
        """
                .formatted(ZONE_H, ZONE_I, ZONE_H));

    assertThat(run("cidrs", "-f", f.toString(), "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get(0).get("cidrs").toString()).isEqualTo("[\"10.1.0.0/24\",\"10.1.1.0/24\"]");
    assertThat(json.get(0).get("vSwitches").get(1).get("zone").asText()).isEqualTo(ZONE_I);

    assertThat(run("cidrs", "-f", f.toString(), "-o", "yaml")).isZero();
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(out.toString())).isEqualTo(json);

    h.createPool(POOL);
    assertThat(run("cidrs")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("POOL  CIDR\ndb    10.1.0.0/24\ndb    10.1.1.0/24\n");
    assertThat(run("cidrs", "-o", "wide")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("db    10.1.1.0/24  vsw-i    " + ZONE_I + "\n");
  }

  @Test
  void cidrsStillTakesTextForOneReleaseWithAWarning() throws Exception {
    Path f = file("pool.yaml", POOL);
    assertThat(run("cidrs", "-f", f.toString())).isZero();
    String table = out.toString();
    assertThat(run("cidrs", "-f", f.toString(), "-o", "TEXT")).isZero();
    assertThat(out.toString()).isEqualTo(table);
    assertThat(err.toString())
        .contains("warning: -o text is deprecated and will be removed; use -o table");

    assertThat(run("cidrs", "-f", f.toString(), "-o", "csv")).isEqualTo(2);
    assertThat(err.toString())
        .contains("expected one of [table, wide, json, yaml]")
        .contains("'csv'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void planJsonListsEachPoolsStepsFindingsAndWhetherItChanges() throws Exception {
    Path f = file("pool.yaml", POOL);
    assertThat(run("plan", "--exit-code", "-f", f.toString(), "-o", "json"))
        .as(err.toString())
        .isEqualTo(PlanCommand.CHANGES);
    JsonNode plans = new ObjectMapper().readTree(out.toString());
    assertThat(plans).hasSize(1);
    JsonNode plan = plans.get(0);
    assertThat(plan.get("pool").asText()).isEqualTo("db");
    assertThat(plan.get("changes").asBoolean()).isTrue();
    assertThat(plan.get("blocked").asBoolean()).isFalse();
    assertThat(plan.get("steps").findValuesAsText("kind"))
        .containsExactly("ConfigMap", "NodePool", "Node", "Node");
    JsonNode configMap = plan.get("steps").get(0);
    assertThat(configMap.get("action").asText()).isEqualTo("create");
    assertThat(configMap.get("name").asText()).isEqualTo("kube-system/eni-config-db");
    assertThat(configMap.get("eniConf").asText()).contains("vsw-h");
    JsonNode nodePool = plan.get("steps").get(1);
    assertThat(nodePool.get("action").asText()).isEqualTo("modify");
    assertThat(nodePool.get("id").asText()).isEqualTo(NP);
    assertThat(nodePool.get("changes").get("taints").get("to").toString())
        .contains("netplane.io/pool=db:NoSchedule");
    JsonNode node = plan.get("steps").get(2);
    assertThat(node.get("name").asText()).isEqualTo("n-h");
    assertThat(node.get("setLabels").get("terway-config").asText()).isEqualTo("eni-config-db");
    assertThat(node.get("addTaints").toString()).isEqualTo("[\"netplane.io/pool=db:NoSchedule\"]");
    assertThat(plan.get("whitelistCidrs").toString())
        .isEqualTo("[\"10.1.0.0/24\",\"10.1.1.0/24\"]");
    assertThat(err.toString()).contains("[db] list nodes ...");

    assertThat(run("plan", "-f", f.toString(), "-o", "yaml")).isZero();
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(out.toString())).isEqualTo(plans);

    assertThat(run("apply", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(run("plan", "--exit-code", "-f", f.toString(), "-o", "json")).isZero();
    JsonNode after = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(after.get("changes").asBoolean()).isFalse();
    assertThat(after.get("steps")).isEmpty();
    assertThat(after.get("nodes").get("configured").toString()).isEqualTo("[\"n-h\",\"n-i\"]");
  }

  @Test
  void aBlockedPlanInJsonCarriesItsFindings() throws Exception {
    Path f = file("pool.yaml", POOL.replace("vsw-i]", "vsw-gone]"));
    assertThat(run("plan", "-f", f.toString(), "-o", "json")).isEqualTo(1);
    JsonNode plan = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(plan.get("blocked").asBoolean()).isTrue();
    assertThat(plan.get("findings").findValuesAsText("id")).contains("VSwitchNotFound");
    assertThat(plan.get("findings").get(0).get("severity").asText()).isEqualTo("ERROR");
  }

  @Test
  void planWideNamesTheNodesTheNodePoolAndTheFreeIps() throws Exception {
    Path f = file("pool.yaml", POOL);
    assertThat(run("apply", "-f", f.toString())).as(err.toString()).isZero();
    assertThat(run("plan", "-f", f.toString())).isZero();
    assertThat(out.toString()).doesNotContain("configured: n-h").doesNotContain("node pool:");
    assertThat(run("plan", "-f", f.toString(), "-o", "wide")).isZero();
    assertThat(out.toString())
        .contains("nodes: 2 configured, 0 pending, 0 needing recycle\n  configured: n-h, n-i\n")
        .contains("node pool: " + NP + "\n")
        .containsPattern("free pod IPs: \\d+\n");
  }

  @Test
  void dashFReadsStdinAndEveryPoolFileOfADirectory() throws Exception {
    Path pools = Files.createDirectory(dir.resolve("pools"));
    Files.writeString(pools.resolve("a-db.yaml"), POOL);
    Files.writeString(pools.resolve("b-reports.yml"), POOL.replace("name: db", "name: reports"));
    Files.writeString(
        pools.resolve("c-batch.json"),
        "{\"apiVersion\":\"netplane.io/v1alpha1\",\"kind\":\"FixedCidrPool\",\"metadata\":{\"name\":\"batch\"},"
            + "\"spec\":{\"nodePool\":{\"id\":\"np1\"},\"podVSwitchIds\":[\"vsw-h\"],\"expectedPods\":10}}");
    Files.writeString(pools.resolve("README.md"), "not a pool");
    Files.createDirectory(pools.resolve("nested.yaml"));
    assertThat(run("cidrs", "-f", pools.toString(), "-o", "json")).as(err.toString()).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).findValuesAsText("pool"))
        .containsExactly("db", "reports", "batch");

    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              POOL.replace("name: db", "name: piped").getBytes(StandardCharsets.UTF_8)));
      assertThat(run("plan", "-f", "-", "-o", "json")).as(err.toString()).isZero();
      assertThat(new ObjectMapper().readTree(out.toString()).findValuesAsText("pool"))
          .containsExactly("piped");

      System.setIn(
          new ByteArrayInputStream(
              "kind: FixedCidrPool\nspec: {}\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(run("plan", "-f", "-")).isEqualTo(1);
      assertThat(err.toString()).contains("stdin");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void dashFRefusesAnEmptyDirectoryAndStdinTwice() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), POOL);
    assertThat(run("plan", "-f", empty.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(empty + ": no .yaml, .yml or .json file in the directory");
    assertThat(run("plan", "-f", "-", "-f", "-")).isEqualTo(1);
    assertThat(err.toString()).contains("-f - (stdin) can be given once");
    assertThat(h.cloud.calls()).isEmpty();
  }

  @Test
  void kubeconfigAndContextReachTheClient() throws Exception {
    List<String> asked = new ArrayList<>();
    Connections recording =
        new Connections() {
          @Override
          public KubernetesClient kubernetes(Path kubeconfig, String context) {
            asked.add(kubeconfig + " " + context);
            return connections().kubernetes(kubeconfig, context);
          }

          @Override
          public AlibabaCloudClients cloud(CloudConfig config) {
            return connections().cloud(config);
          }
        };
    Path kubeconfig = file("kubeconfig", "apiVersion: v1\nkind: Config\n");
    h.createPool(POOL + "status:\n  whitelistCidrs: [10.1.0.0/24, 10.1.1.0/24]\n");
    CommandLine cl = Main.commandLine(recording);
    StringWriter printed = new StringWriter();
    cl.setOut(new PrintWriter(printed));
    assertThat(cl.execute("cidrs", "--kubeconfig", kubeconfig.toString(), "--context", "prod"))
        .isZero();
    assertThat(cl.execute("cidrs", "-o", "wide")).isZero();
    assertThat(asked).containsExactly(kubeconfig + " prod", "null null");
    // without --region or --inventory only the objects' status is read, which holds no vSwitches
    assertThat(printed.toString())
        .endsWith(
            "POOL  CIDR         VSWITCH  ZONE\ndb    10.1.0.0/24  -        -\ndb    10.1.1.0/24  -        -\n");
  }

  @Test
  void aUsageErrorIsExitCodeTwoWithOneLineAndWhereTheUsageIs() {
    assertThat(run("plan")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Missing required option")
        .contains("See 'netplane-nodepool-agent plan --help' for usage.")
        .doesNotContain("Usage:");
    assertThat(run("run", "--resync", "5 minutes")).isEqualTo(2);
    assertThat(err.toString())
        .contains("'5 minutes' is not a duration (e.g. 500ms, 30s, 5m, 1h30m)");
  }
}
