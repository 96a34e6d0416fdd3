package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netplane.extender.kubectl.KubectlNetplane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code kubectl netplane} against the real kube-apiserver and a running extender: a pod the
 * extender rejected (both vSwitches empty) is Pending, and the plugin says why. No kubelet runs
 * here, so port-forwarding cannot complete: the plugin is pointed at the extender with {@code
 * --extender-url}, and the port-forward path is checked up to the API server's refusal.
 */
class KubectlPluginE2E extends E2EBase {
  private static final Logger LOG = LoggerFactory.getLogger(KubectlPluginE2E.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run of the plugin: exit code, stdout, stderr. */
  private record Run(int code, String out, String err) {}

  private Run plugin(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KubectlNetplane.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", cluster.kubeconfig().toString()));
    int code = cl.execute(all.toArray(String[]::new));
    LOG.info("kubectl netplane {} -> exit {}\n{}{}", String.join(" ", args), code, out, err);
    return new Run(code, out.toString(), err.toString());
  }

  private String url() {
    return "http://127.0.0.1:" + extender.port();
  }

  @Test
  void anOperatorFindsWhyAPodIsPendingAndWhatTheClusterLooksLike() throws Exception {
    createNodes(node("h1", ZONE_H), node("i1", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, 0);
    String vswI = vSwitch("i", ZONE_I, 0);
    podNetworking("full", "Default", "Elastic", Map.of("app", "full"), vswH, vswI);
    createPod(pod("waiting").label("app", "full").memberEni());
    // pods why-pending must leave out: another scheduler's pending pod, and a bound one
    createPod(pod("elsewhere").label("app", "full").memberEni().schedulerName("other-scheduler"));
    kube.pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder(pod("bound").object())
                .editSpec()
                .withNodeName(nodeName("h1"))
                .endSpec()
                .build())
        .create();
    awaitFailedScheduling("waiting", "VSwitchesExhausted");
    extender.awaitSnapshot(
        "the test's pods",
        s -> s.pods().stream().filter(p -> p.namespace().equals(ns)).count() == 3);

    // 1. why-pending: the pod, its age and the extender's reason
    Run why =
        plugin(
            "why-pending",
            "-n",
            ns,
            "--scheduler-name",
            "default-scheduler",
            "--extender-url",
            url());
    assertThat(why.code()).as(why.err()).isZero();
    assertThat(why.out().lines().toList()).hasSize(2);
    assertThat(why.out())
        .containsPattern("NAMESPACE +NAME +AGE +REASON")
        .containsPattern(
            ns + " +waiting +\\d+s +VSwitchesExhausted on 2/2 nodes: no free IPs in zone")
        .doesNotContain("elsewhere")
        .doesNotContain("bound");
    JsonNode whyJson =
        JSON.readTree(
            plugin(
                    "why-pending",
                    "-A",
                    "--scheduler-name",
                    "default-scheduler",
                    "--extender-url",
                    url(),
                    "-o",
                    "json")
                .out());
    assertThat(whyJson.path("pods").findValuesAsText("name")).contains("waiting");
    assertThat(whyJson.path("truncated").asBoolean()).isFalse();

    // 2. explain: node by node
    Run explain = plugin("explain", "waiting", "-n", ns, "--extender-url", url());
    assertThat(explain.code()).as(explain.err()).isZero();
    assertThat(explain.out())
        .startsWith("POD " + ns + "/waiting\n")
        .containsPattern(nodeName("h1") + " +" + ZONE_H + " +UNSCHEDULABLE +- +VSwitchesExhausted")
        .contains(vswI);
    JsonNode decision =
        JSON.readTree(
            plugin("explain", ns + "/waiting", "--extender-url", url(), "-o", "json").out());
    assertThat(decision.path("fitNodes").asInt()).isZero();
    assertThat(decision.path("nodes")).hasSize(2);
    Run missing = plugin("explain", "nope", "-n", ns, "--extender-url", url());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("answered 404").contains(ns + "/nope");

    // 3. simulate and lint over the live cluster, with the extender's cloud inventory
    Run simulate = plugin("simulate", "--extender-url", url());
    assertThat(simulate.code()).as(simulate.err()).isZero();
    assertThat(simulate.err()).contains("loaded ").contains("cloud inventory of " + url());
    assertThat(simulate.out())
        .contains("POD " + ns + "/waiting")
        .containsPattern(ns + "/waiting +\\S+ \\S+ +0/\\d+ +-");
    JsonNode simulated =
        JSON.readTree(plugin("simulate", "--extender-url", url(), "-o", "json").out());
    assertThat(simulated.findValuesAsText("pod"))
        .contains(ns + "/waiting")
        .doesNotContain(ns + "/bound");
    Run lint = plugin("lint", "--extender-url", url(), "-o", "wide");
    assertThat(lint.code()).as(lint.err()).isIn(0, 1);
    assertThat(lint.out()).contains(vswH);

    // 4. status: the extender's readiness and data age (no netplane pods run here)
    Run status = plugin("status", "--extender-url", url());
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("no netplane extender pod")
        .contains("ACTIVE EXTENDER: " + url())
        .contains("ready: yes")
        .containsPattern(
            "data age: snapshot \\d+\\.\\ds, cluster watches \\d+\\.\\ds, cloud inventory \\d+\\.\\ds")
        .contains("FIXEDCIDRPOOLS");

    // 5. cidrs: a FixedCidrPool's vSwitches, their CIDRs from the extender's inventory
    ResourceDefinitionContext fixedCidrPools = installFixedCidrPoolCrd();
    String pool = "cidrs-" + testId;
    GenericKubernetesResource created =
        kube.genericKubernetesResources(fixedCidrPools)
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("netplane.io/v1alpha1")
                    .withKind("FixedCidrPool")
                    .withNewMetadata()
                    .withName(pool)
                    .addToLabels(Fixtures.TEST_LABEL, testId)
                    .endMetadata()
                    .addToAdditionalProperties(
                        "spec",
                        Map.of(
                            "nodePool",
                            Map.of("nodeSelector", Map.of("pool", pool)),
                            "podVSwitchIds",
                            List.of(vswH, vswI),
                            "expectedPods",
                            1))
                    .build())
            .create();
    try {
      Run wide = plugin("cidrs", "--extender-url", url(), "-o", "wide");
      assertThat(wide.code()).as(wide.err()).isZero();
      assertThat(wide.out())
          .containsPattern("POOL +CIDR +VSWITCH +ZONE")
          .containsPattern(pool + " +172\\.16\\.\\d+\\.0/24 +" + vswH + " +" + ZONE_H)
          .containsPattern(pool + " +172\\.16\\.\\d+\\.0/24 +" + vswI + " +" + ZONE_I);
      JsonNode whitelists =
          JSON.readTree(plugin("cidrs", "--extender-url", url(), "-o", "json").out());
      JsonNode whitelist = null;
      for (JsonNode w : whitelists) {
        whitelist = w.path("pool").asText().equals(pool) ? w : whitelist;
      }
      assertThat(whitelist).as(whitelists.toString()).isNotNull();
      assertThat(whitelist.path("vSwitches").findValuesAsText("id"))
          .containsExactlyInAnyOrder(vswH, vswI);
      assertThat(whitelist.path("cidrs")).isNotEmpty();
    } finally {
      kube.resource(created).delete();
    }
  }

  /** The FixedCidrPool CRD as shipped, once established. */
  private ResourceDefinitionContext installFixedCidrPoolCrd() {
    var crds = kube.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd =
        crds.load(Path.of("../deploy/crds/netplane.io_fixedcidrpools.yaml").toFile())
            .serverSideApply();
    crds.resource(crd)
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())),
            WAIT.toSeconds(),
            TimeUnit.SECONDS);
    return CustomResourceDefinitionContext.fromCrd(crd);
  }

  @Test
  void withoutAUrlThePluginPortForwardsToTheLeadersExtenderAndReportsWhyItCannot() {
    try {
      portForwardToTheLeader();
    } finally {
      // the namespace is finalized by hand: nothing deletes its Leases
      kube.leases().inNamespace(ns).delete();
    }
  }

  private void portForwardToTheLeader() {
    createNodes(node("h1", ZONE_H));
    // a scheduler pod as the chart runs it, bound to a node no kubelet serves, and its Lease
    kube.pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("netplane-scheduler-a")
                .addToLabels("app.kubernetes.io/name", "netplane")
                .addToLabels("app.kubernetes.io/component", "scheduler")
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName("h1"))
                .addToInitContainers(
                    new ContainerBuilder()
                        .withName("extender")
                        .withImage("netplane/extender:0.1.0")
                        .withRestartPolicy("Always")
                        .build())
                .addToContainers(
                    new ContainerBuilder()
                        .withName("kube-scheduler")
                        .withImage("registry.k8s.io/kube-scheduler:v1.33.13")
                        .build())
                .withTerminationGracePeriodSeconds(0L)
                .endSpec()
                .build())
        .create();
    kube.leases()
        .inNamespace(ns)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("netplane-scheduler")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("netplane-scheduler-a_6f1c2d3e-e2e")
                .withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.now())
                .endSpec()
                .build())
        .create();

    Run why =
        plugin(
            "why-pending",
            "-n",
            ns,
            "--scheduler-name",
            "default-scheduler",
            "--netplane-namespace",
            ns,
            "--request-timeout",
            "10s");
    // nothing is pending: nothing to ask the extender
    assertThat(why.code()).as(why.err()).isZero();
    assertThat(why.out()).isEqualTo("no Pending pods\n");

    Run explain =
        plugin(
            "explain",
            "netplane-scheduler-a",
            "-n",
            ns,
            "--netplane-namespace",
            ns,
            "--request-timeout",
            "10s");
    assertThat(explain.code()).isEqualTo(1);
    assertThat(explain.err())
        .startsWith("error: ")
        .contains(
            "extender pod "
                + ns
                + "/netplane-scheduler-a (holds Lease "
                + ns
                + "/netplane-scheduler)")
        .doesNotContain("\tat ");

    Run status = plugin("status", "--netplane-namespace", ns, "--request-timeout", "10s");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("EXTENDER PODS (namespace " + ns + ", layout sidecar)")
        .containsPattern("netplane-scheduler-a +" + nodeName("h1") + " +false +0 +\\*")
        .contains("LEASE " + ns + "/netplane-scheduler: held by netplane-scheduler-a_6f1c2d3e-e2e")
        .contains("ACTIVE EXTENDER: ");

    Run noContext = plugin("status", "--context", "nope");
    assertThat(noContext.code()).isEqualTo(1);
    assertThat(noContext.err()).contains("--context nope: no such context");
  }
}
