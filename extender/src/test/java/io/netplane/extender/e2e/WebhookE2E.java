package io.netplane.extender.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.netplane.extender.server.ConnectionLimits;
import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.server.TestPki;
import io.netplane.extender.server.TlsOptions;
import io.netplane.extender.webhook.WebhookServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission webhook called by the real kube-apiserver, registered as the chart registers it
 * (namespaceSelector {@code netplane.io/scheduling=enabled}, objectSelector opt-out, failurePolicy
 * Ignore), with a certificate for 127.0.0.1 and its CA in the caBundle.
 */
class WebhookE2E extends E2EBase {
  private static final String NETPLANE = "netplane-scheduler";
  private static final String DEFAULT = "default-scheduler";
  private static final String OPT_KEY = "netplane.io/scheduling";

  @TempDir Path dir;
  private final AtomicInteger probes = new AtomicInteger();
  private Vertx vertx;
  private WebhookServer webhook;
  private String configName;
  private String url;
  private String caBundle;

  @AfterEach
  void stopWebhook() throws Exception {
    if (configName != null) {
      kube.admissionRegistration()
          .v1()
          .mutatingWebhookConfigurations()
          .withName(configName)
          .delete();
    }
    if (webhook != null) {
      webhook.stop().await(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void podsOfAnEnabledNamespaceGetTheNetplaneSchedulerUnlessTheyNameAnotherOrOptOut()
      throws Exception {
    startWebhook();
    register();
    labelNamespace("enabled");
    awaitProbe("the webhook in force for the labelled namespace", NETPLANE);

    assertThat(schedulerOf(pod("plain"))).isEqualTo(NETPLANE);
    assertThat(schedulerOf(pod("explicit-default").schedulerName(DEFAULT)))
        .as("an explicit default-scheduler cannot be told from none")
        .isEqualTo(NETPLANE);
    assertThat(schedulerOf(pod("other").schedulerName("volcano"))).isEqualTo("volcano");
    assertThat(schedulerOf(pod("already").schedulerName(NETPLANE))).isEqualTo(NETPLANE);
    assertThat(schedulerOf(pod("opted-out").label(OPT_KEY, "disabled")))
        .as("the objectSelector keeps opted-out pods from the webhook")
        .isEqualTo(DEFAULT);
    assertThat(webhook.metrics().base().scrape())
        .containsPattern("netplane_webhook_reviews_total\\{outcome=\"assigned\"} [1-9]")
        .containsPattern("netplane_webhook_reviews_total\\{outcome=\"other-scheduler\"} 1\\.0")
        .containsPattern("netplane_webhook_reviews_total\\{outcome=\"already-assigned\"} 1\\.0");

    labelNamespace(null);
    awaitProbe("the webhook out of force once the label is gone", DEFAULT);
    assertThat(schedulerOf(pod("unlabelled"))).isEqualTo(DEFAULT);
  }

  @Test
  void podsAreCreatedUnchangedWhileTheWebhookIsDown() throws Exception {
    startWebhook();
    register();
    labelNamespace("enabled");
    awaitProbe("the webhook in force", NETPLANE);

    webhook.stop().await(30, TimeUnit.SECONDS);
    webhook = null;
    // failurePolicy Ignore: the call fails (connection refused), the pod is admitted as it is
    assertThat(schedulerOf(pod("while-down"))).isEqualTo(DEFAULT);
    assertThat(kube.pods().inNamespace(ns).withName("while-down").get()).isNotNull();
  }

  /** The webhook in this JVM on 127.0.0.1, serving a certificate for that address. */
  private void startWebhook() throws Exception {
    TestPki pki = new TestPki("webhook-e2e-ca");
    Path ca = pki.writeCa(dir.resolve("ca.crt"));
    TestPki.Leaf serving =
        pki.issue(dir, "webhook", "webhook", List.of("127.0.0.1"), TestPki.Usage.SERVER);
    vertx = Vertx.vertx();
    webhook =
        new WebhookServer(
            vertx,
            NETPLANE,
            new ServerOptions(
                "127.0.0.1",
                0,
                4 << 20,
                1,
                new TlsOptions(
                    serving.cert(), serving.key(), null, Set.of(), Duration.ofSeconds(10)),
                ConnectionLimits.EXTENDER_DEFAULTS),
            null);
    int port = webhook.start().await(30, TimeUnit.SECONDS);
    configName = testId + "-netplane-webhook";
    url = "https://127.0.0.1:" + port + "/mutate";
    caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(ca));
  }

  /** As the chart's MutatingWebhookConfiguration, with a URL instead of its Service. */
  private void register() {
    MutatingWebhookConfiguration config =
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName(configName)
            .addToLabels(Fixtures.TEST_LABEL, testId)
            .endMetadata()
            .addNewWebhook()
            .withName("pods.scheduling.netplane.io")
            .withAdmissionReviewVersions("v1")
            .withNewClientConfig()
            .withUrl(url)
            .withCaBundle(caBundle)
            .endClientConfig()
            .addNewRule()
            .withApiGroups("")
            .withApiVersions("v1")
            .withResources("pods")
            .withOperations("CREATE")
            .withScope("Namespaced")
            .endRule()
            .withNewNamespaceSelector()
            .addNewMatchExpression()
            .withKey(OPT_KEY)
            .withOperator("In")
            .withValues("enabled")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("kubernetes.io/metadata.name")
            .withOperator("NotIn")
            .withValues("kube-system", "netplane")
            .endMatchExpression()
            .endNamespaceSelector()
            .withNewObjectSelector()
            .addNewMatchExpression()
            .withKey(OPT_KEY)
            .withOperator("NotIn")
            .withValues("disabled")
            .endMatchExpression()
            .endObjectSelector()
            .withFailurePolicy("Ignore")
            .withSideEffects("None")
            .withTimeoutSeconds(5)
            .withReinvocationPolicy("Never")
            .withMatchPolicy("Equivalent")
            .endWebhook()
            .build();
    kube.admissionRegistration().v1().mutatingWebhookConfigurations().resource(config).create();
  }

  /** Sets (or with null removes) the test namespace's opt-in label. */
  private void labelNamespace(String value) {
    kube.namespaces()
        .withName(ns)
        .edit(
            n -> {
              if (value == null) {
                n.getMetadata().getLabels().remove(OPT_KEY);
              } else {
                n.getMetadata().getLabels().put(OPT_KEY, value);
              }
              return n;
            });
  }

  /**
   * The API server applies a new webhook configuration and namespace labels once its informers see
   * them: probe pods are created until one comes back with {@code expected}.
   */
  private void awaitProbe(String what, String expected) {
    await(what)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> schedulerOf(pod("probe-" + probes.incrementAndGet())).equals(expected));
  }

  /** Creates the pod and returns the schedulerName the API server stored. */
  private String schedulerOf(Fixtures.PodSpec spec) {
    return createPod(spec).getSpec().getSchedulerName();
  }
}
