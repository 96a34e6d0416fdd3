package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netplane.extender.TestData;
import io.netplane.extender.render.DecisionText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private static final String NOW = "--now=2026-11-23T12:00:00Z";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void simulateTablesEveryPendingPodAndSummarises() {
    int code = run("simulate", TestData.demo().toString(), NOW);
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("POD stateful/db-1")
        .contains("fixed IP: pinned to cn-hangzhou-h")
        .contains("SUMMARY: 20 pending pod(s), 3 with no fit node")
        .contains("ZoneMismatch");
    assertThat(err.toString()).contains("12 Node").contains("skipped 1 Service");
  }

  @Test
  void simulateJsonIsOneDecisionPerPendingPod() throws Exception {
    assertThat(run("simulate", TestData.demo().toString(), NOW, "-o", "json")).isZero();
    JsonNode all = new ObjectMapper().readTree(out.toString());
    assertThat(all).hasSize(20);
    for (JsonNode d : all) {
      assertThat(d.get("nodes")).hasSize(12);
      assertThat(d.has("network")).isTrue();
    }
  }

  @Test
  void explainShowsAllReasonsForOnePod() throws Exception {
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "default/batch-worker-58c7d9f6b-j7x2q",
                NOW,
                "-o",
                "json"))
        .isZero();
    JsonNode d = new ObjectMapper().readTree(out.toString());
    assertThat(d.get("best").isNull()).isTrue();
    assertThat(d.get("nodes").toString()).contains("VSwitchesExhausted").contains("ZoneMismatch");
  }

  @Test
  void explainShowsTheVSwitchesAFitNodeWouldGive() throws Exception {
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "default/web-6c9f8d7b5d-xw2rd",
                NOW))
        .isZero();
    assertThat(out.toString()).contains("draws from vSwitches {vsw-");

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "default/web-6c9f8d7b5d-xw2rd",
                NOW,
                "-o",
                "json"))
        .isZero();
    JsonNode d = new ObjectMapper().readTree(out.toString());
    JsonNode fit =
        d.get("nodes").findParents("verdict").stream()
            .filter(n -> n.get("verdict").asText().equals("FIT"))
            .findFirst()
            .orElseThrow();
    assertThat(fit.get("vSwitches").size()).isPositive();
  }

  @Test
  void explainRejectsABadPodArgument() {
    for (String bad : new String[] {"/name", "ns/", "ns/a/b", ""}) {
      assertThat(run("explain", TestData.demo().toString(), "--pod", bad)).as(bad).isEqualTo(2);
      assertThat(err.toString()).contains("NAMESPACE/NAME");
    }
  }

  @Test
  void explainTakesTheNamespaceFromDashNOrDefaultsToDefault() throws Exception {
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "db-1",
                "-n",
                "stateful",
                NOW,
                "-o",
                "json"))
        .as(err.toString())
        .isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("pod").asText())
        .isEqualTo("stateful/db-1");
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "stateful/db-1",
                "--namespace=stateful",
                NOW))
        .isZero();
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "batch-worker-58c7d9f6b-j7x2q",
                NOW,
                "-o",
                "json"))
        .isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("pod").asText())
        .isEqualTo("default/batch-worker-58c7d9f6b-j7x2q");
  }

  @Test
  void explainRefusesANamespaceThatContradictsThePod() {
    assertThat(
            run(
                "explain",
                TestData.demo().toString(),
                "--pod",
                "stateful/db-1",
                "-n",
                "default",
                NOW))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--pod stateful/db-1 is in namespace stateful but -n says default");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void explainWideAddsEachReasonsDetails() {
    String[] args = {
      "explain", TestData.demo().toString(), "--pod", "default/batch-worker-58c7d9f6b-j7x2q", NOW
    };
    assertThat(run(args)).isZero();
    String table = out.toString();
    assertThat(table).doesNotContain("DETAILS").doesNotContain("instanceType=");
    assertThat(run(concat(args, "-o", "WIDE"))).isZero();
    assertThat(out.toString())
        .contains("DETAILS")
        .contains(
            "EniModeMismatch {needs=trunk member ENI, instanceType=ecs.g6.large, trunkingEnabled=true}");
  }

  @Test
  void everyCommandsYamlIsTheTreeItsJsonIs() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String[] args :
        List.of(
            new String[] {"simulate", TestData.demo().toString(), NOW},
            new String[] {"explain", TestData.demo().toString(), "--pod", "stateful/db-1", NOW},
            new String[] {"lint", TestData.demo().toString(), NOW})) {
      run(concat(args, "-o", "json"));
      JsonNode json = new ObjectMapper().readTree(out.toString());
      run(concat(args, "-o", "yaml"));
      assertThat(out.toString())
          .as(args[0])
          .doesNotStartWith("---")
          .doesNotStartWith("{")
          .doesNotStartWith("[");
      assertThat(yaml.readTree(out.toString())).as(args[0]).isNotEmpty().isEqualTo(json);
    }
  }

  @Test
  void simulateWideAddsZonesAndTheTopRejectionPerPendingPod() {
    assertThat(run("simulate", TestData.demo().toString(), NOW)).isZero();
    assertThat(out.toString()).doesNotContain("TOP REJECTION");
    assertThat(run("simulate", TestData.demo().toString(), NOW, "-o", "wide")).isZero();
    assertThat(out.toString())
        .containsPattern("PENDING POD +NETWORK +FIT NODES +BEST NODE +ZONES +TOP REJECTION\\n")
        .containsPattern(
            "stateful/db-1 +POD_NETWORKS pod-networks\\[0] +4/12 +\\S+ +cn-hangzhou-h,cn-hangzhou-i +FixedIpZone 4/12\\n")
        .containsPattern("kube-system/net-probe +UNMANAGED +12/12 +\\S+ +any +-\\n");
  }

  @Test
  void lintTableShortensLongMessagesAndWideShowsThemWhole() throws Exception {
    run("lint", TestData.demo().toString(), NOW, "-o", "json");
    String longest = "";
    for (JsonNode f : new ObjectMapper().readTree(out.toString())) {
      longest =
          f.get("message").asText().length() > longest.length()
              ? f.get("message").asText()
              : longest;
    }
    assertThat(longest).hasSizeGreaterThan(DecisionText.MESSAGE_WIDTH);

    run("lint", TestData.demo().toString(), NOW);
    assertThat(out.toString())
        .doesNotContain(longest)
        .contains(longest.substring(0, DecisionText.MESSAGE_WIDTH - 3) + "...");
    assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(200));
    run("lint", TestData.demo().toString(), NOW, "-o", "wide");
    assertThat(out.toString()).contains(longest + "\n");
  }

  @Test
  void anUnknownOutputFormatIsAUsageErrorListingTheFormats() {
    assertThat(run("lint", TestData.demo().toString(), "-o", "xml")).isEqualTo(2);
    assertThat(err.toString()).contains("expected one of [table, wide, json, yaml]");
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  @Test
  void explainOfAnUnknownPodIsAnError() {
    assertThat(run("explain", TestData.demo().toString(), "--pod", "default/nope", NOW))
        .isEqualTo(1);
    assertThat(err.toString()).contains("default/nope");
  }

  @Test
  void lintExitsOneOnErrorsAndReportsExactlyTheFindingsTheDemoReadmeLists() throws Exception {
    int code = run("lint", TestData.demo().toString(), NOW, "-o", "json");
    assertThat(code).isEqualTo(1);
    List<String> reported = new ArrayList<>();
    new ObjectMapper()
        .readTree(out.toString())
        .forEach(
            f ->
                reported.add(
                    f.get("severity").asText()
                        + " "
                        + f.get("id").asText()
                        + " "
                        + f.get("subject").asText()));
    // the README's table: | Severity | `Check` | `Subject` | Why |
    Pattern row =
        Pattern.compile(
            "^\\| (ERROR|WARNING) \\| `([A-Za-z]+)` \\| `([^`]+)` \\|.*$", Pattern.MULTILINE);
    Matcher m = row.matcher(Files.readString(TestData.demo().resolveSibling("README.md")));
    List<String> documented = new ArrayList<>();
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    assertThat(documented).isNotEmpty();
    assertThat(reported).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void malformedSnapshotFileIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n");
    assertThat(run("simulate", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("broken.yaml").contains("line ");
  }

  @Test
  void objectsDefinedTwiceAreAWarningNamingBothFiles(@TempDir Path dir) throws Exception {
    String node =
        "apiVersion: v1\nkind: Node\nmetadata: {name: node-a, labels: {topology.kubernetes.io/zone: cn-hangzhou-%s}}\n";
    Path first = Files.writeString(dir.resolve("a.yaml"), node.formatted("h"));
    Path second = Files.writeString(dir.resolve("b.yaml"), node.formatted("i"));

    assertThat(run("simulate", dir.toString(), NOW)).isZero();
    assertThat(err.toString())
        .startsWith(
            "warning: 1 object(s) defined in "
                + first
                + " and again in "
                + second
                + " (Node node-a); the definition read last is used")
        .contains("loaded 1 Node from 2 file(s)");
  }

  @Test
  void aBrokenLinkInTheSnapshotIsOneErrorLine(@TempDir Path dir) throws Exception {
    Path link =
        Files.createSymbolicLink(dir.resolve("pods.yaml"), dir.resolve("not-captured.yaml"));

    assertThat(run("simulate", dir.toString())).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("error: " + link + ": a broken symbolic link" + System.lineSeparator());
  }

  @Test
  void anUnreadableSubdirectoryIsOneErrorLine(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectory(dir.resolve("kube-system"));
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(
          Files.isReadable(sub), "this user reads directories whatever their permissions (root?)");
      assertThat(run("lint", dir.toString())).isEqualTo(1);
      assertThat(err.toString())
          .isEqualTo("error: " + sub + ": cannot read: permission denied" + System.lineSeparator());
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void missingDirectoryIsAnError() {
    assertThat(run("lint", "/no/such/dir")).isEqualTo(1);
    assertThat(err.toString()).contains("not a directory");
  }

  @Test
  void aConfigFileListsEveryBadSettingAtOnce(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("serve.yaml"),
            "colour: blue\nscoring: fastest\ncloud-protocol: FTP\nlisten: 127.0.0.1:9\n");
    int code = Main.run("serve", "--config", config.toString(), "--in-cluster");
    assertThat(code).isEqualTo(2);
    // Main.run prints to the process's stderr through its own command line; check the parse
    // directly too
    assertThatThrownBy(
            () ->
                ConfigFile.expand(
                    new String[] {"serve", "--config", config.toString()},
                    "serve",
                    Main::serveCommandLine))
        .hasMessageContaining("colour: unknown setting")
        .hasMessageContaining(
            "scoring: Invalid value for option '--scoring': expected one of [SPREAD, PACK]")
        .hasMessageContaining("cloud-protocol: Invalid value");
  }

  @Test
  void flagsOnTheCommandLineWinOverTheConfigFile(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("serve.yaml"),
            "listen: 0.0.0.0:1111\nin-cluster: true\nregion: cn-hangzhou\n");
    String[] args =
        ConfigFile.expand(
            new String[] {"serve", "--config=" + config, "--listen", "127.0.0.1:2222"},
            "serve",
            Main::serveCommandLine);
    CommandLine cl = Main.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertThat(serve.listen).isEqualTo("127.0.0.1:2222");
    assertThat(serve.cloudOptions.config().regionId()).isEqualTo("cn-hangzhou");
    assertThat(serve.source.inCluster).isTrue();
  }

  @Test
  void clientNamesComeCommaSeparatedAndDefaultToTheChartsSchedulerIdentity(@TempDir Path dir)
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("serve.yaml"), "tls-client-names: kube-scheduler,scheduler.example.com\n");
    String[] args =
        ConfigFile.expand(
            new String[] {"serve", "--config", config.toString(), "--in-cluster"},
            "serve",
            Main::serveCommandLine);
    ServeCommand named =
        Main.commandLine().parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
    assertThat(named.tlsClientNames)
        .containsExactlyInAnyOrder("kube-scheduler", "scheduler.example.com");
    ServeCommand defaulted =
        Main.commandLine()
            .parseArgs("serve", "--in-cluster")
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    assertThat(defaulted.tlsClientNames).containsExactly("netplane-scheduler-client");
  }

  @Test
  void servesSettingsAreValidatedTogether() {
    assertThat(
            run(
                "serve",
                "--kubeconfig",
                "/no/such/kubeconfig",
                "--listen",
                "nowhere",
                "--tls-client-ca",
                "/ca.pem",
                "--health-listen",
                "8081"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--listen must be HOST:PORT")
        .contains("--health-listen must be HOST:PORT, got '8081'")
        .contains("--tls-client-ca needs --tls-cert and --tls-key")
        .contains("--kubeconfig /no/such/kubeconfig is not a readable file")
        .contains("exactly one of --region");
  }

  @Test
  void leaderElectionIsRejectedWithAStaticSnapshot() {
    assertThat(
            run(
                "serve",
                "--state",
                TestData.demo().toString(),
                "--leader-elect",
                "--lease-name",
                "ext"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--leader-elect, --lease-name: leader election is for live mode");
  }

  @Test
  void leaseSettingsAreValidatedTogether() {
    assertThat(
            run(
                "serve",
                "--kubeconfig",
                "/no/such/kubeconfig",
                "--leader-elect",
                "--lease-name",
                "Extender_Lease",
                "--lease-namespace",
                "kube.system",
                "--lease-duration",
                "1500ms",
                "--renew-deadline",
                "PT20S"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--lease-name must be a DNS subdomain (lower-case letters, digits, '-' and '.'), got 'Extender_Lease'")
        .contains(
            "--lease-namespace must be a DNS label (lower-case letters, digits and '-'), got 'kube.system'")
        .contains("--lease-duration must be whole seconds, at least 1s, got 1s500ms")
        .contains(
            "--renew-deadline must be at least 100ms and shorter than --lease-duration (1s500ms), got 20s");
  }

  @Test
  void leaseSettingsComeFromTheConfigFileAndDefaultToTheExtendersLease(@TempDir Path dir)
      throws Exception {
    Path config =
        Files.writeString(dir.resolve("serve.yaml"), "leader-elect: true\nlease-duration: 20s\n");
    String[] args =
        ConfigFile.expand(
            new String[] {"serve", "--config", config.toString(), "--in-cluster"},
            "serve",
            Main::serveCommandLine);
    ServeCommand serve =
        Main.commandLine().parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
    assertThat(serve.leaderElect).isTrue();
    assertThat(serve.leaseDuration).hasSeconds(20);
    assertThat(serve.renewDeadline).hasSeconds(10);
    assertThat(serve.leaseName).isEqualTo("netplane-extender");
    assertThat(serve.leaseNamespace)
        .isEqualTo(System.getenv().getOrDefault("POD_NAMESPACE", "kube-system"));
    ServeCommand off =
        Main.commandLine()
            .parseArgs("serve", "--in-cluster")
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    assertThat(off.leaderElect).isFalse();
  }

  @Test
  void unknownScoringStrategyIsAUsageError() {
    assertThat(run("simulate", TestData.demo().toString(), "--scoring", "fastest")).isEqualTo(2);
    assertThat(err.toString()).contains("SPREAD, PACK");
  }

  @Test
  void durationsAreWrittenAsKubernetesWritesThemAndIsoStillWorks() {
    ServeCommand go =
        Main.commandLine()
            .parseArgs(
                "serve", "--in-cluster", "--cloud-refresh", "1m30s", "--rebuild-interval", "20ms")
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    assertThat(go.cloudRefresh).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(go.rebuildInterval).isEqualTo(java.time.Duration.ofMillis(20));
    ServeCommand iso =
        Main.commandLine()
            .parseArgs("serve", "--in-cluster", "--cloud-refresh", "PT2M")
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    assertThat(iso.cloudRefresh).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(iso.cloudMaxStaleness).as("default 10m").isEqualTo(java.time.Duration.ofMinutes(10));

    assertThat(run("serve", "--in-cluster", "--cloud-refresh", "soon")).isEqualTo(2);
    assertThat(err.toString())
        .contains("'soon' is not a duration (e.g. 500ms, 30s, 5m, 1h30m)")
        .contains("See 'netplane-extender serve --help' for usage.")
        .doesNotContain("Usage:");
  }

  @Test
  void aConfigFileMaySetTheLogOptions(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(dir.resolve("serve.yaml"), "log-level: warn\nlog-format: text\n");
    String[] args =
        ConfigFile.expand(
            new String[] {"serve", "--config", config.toString(), "--in-cluster"},
            "serve",
            Main::serveCommandLine);
    assertThat(args).contains("--log-level=warn");
    assertThat(Main.commandLine().parseArgs(args).hasMatchedOption("--log-level")).isFalse();
    assertThat(Main.commandLine().parseArgs(args).subcommand().hasMatchedOption("--log-level"))
        .isTrue();
  }

  @Test
  void serveTakesAKubeconfigContextAndRefusesItWhereNoKubeconfigIsRead() {
    assertThat(run("serve", "--in-cluster", "--context", "prod", "--region", "cn-hangzhou"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--context names a kubeconfig context; --in-cluster uses the pod's own ServiceAccount");
    assertThat(run("serve", "--state", TestData.demo().toString(), "--context", "prod"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--context is for live mode");
  }
}
