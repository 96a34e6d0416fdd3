package io.netplane.extender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.cloud.fake.Fault;
import io.netplane.config.model.NetworkAnnotations;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.ReasonId;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cloud inventory through the real SDKs against the fake OpenAPI server. */
@EnableKubernetesMockClient(crud = true)
class CloudRefreshIT {
  static KubernetesClient client;

  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration MAX_STALENESS = Duration.ofSeconds(2);
  private static final Duration RETRY_BASE = Duration.ofMillis(200);
  private static final PodView POD =
      new PodView(
          "default",
          "web-0",
          "u-0",
          Map.of(),
          List.of("ReplicaSet"),
          false,
          NetworkAnnotations.NONE,
          null,
          false,
          false,
          false,
          0,
          0,
          null,
          PodView.EipRequest.NONE);

  private FakeAlibabaCloud cloud;
  private LiveCluster live;

  @BeforeEach
  void start() {
    cloud = FakeAlibabaCloud.start();
    cloud.addVSwitch("vsw-h", "cn-hangzhou-h", "10.0.0.0/24", "vpc-1", 5);
    cloud.addVSwitch("vsw-unrelated", "cn-hangzhou-h", "10.0.1.0/24", "vpc-1", 100);
    cloud.addInstanceType("ecs.g7.xlarge", 4, 15, 14, true);
    MockClusters.base(client, "{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-h\"]}}");
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("n-h")
                .addToLabels("topology.kubernetes.io/zone", "cn-hangzhou-h")
                .addToLabels("node.kubernetes.io/instance-type", "ecs.g7.xlarge")
                .endMetadata()
                .build())
        .create();
    live = started(DecisionOptions.DEFAULT);
    // failing open, readiness does not wait for the cloud: these tests start from its first answer
    await().atMost(Duration.ofSeconds(30)).until(() -> live.ready() && live.servesInventory());
  }

  private LiveCluster started(DecisionOptions options) {
    return started(
        options,
        new CloudRefresher.Timing(INTERVAL, MAX_STALENESS, RETRY_BASE, Duration.ofSeconds(5)));
  }

  private LiveCluster started(DecisionOptions options, CloudRefresher.Timing timing) {
    LiveCluster cluster =
        LiveCluster.withCloud(
            client,
            AlibabaCloudClients.create(cloud.cloudConfig()).inventory(),
            "vpc-1",
            timing,
            Clock.systemUTC(),
            options,
            Duration.ofMillis(20));
    cluster.start();
    return cluster;
  }

  @AfterEach
  void stop() {
    live.close();
    cloud.close();
    client.pods().inAnyNamespace().delete();
    client.nodes().delete();
    client.configMaps().inAnyNamespace().delete();
    client.namespaces().delete();
  }

  @Test
  void fetchesOnlyWhatTheClusterReferencesAndFollowsChanges() {
    assertThat(live.current().snapshot().vSwitches()).containsOnlyKeys("vsw-h");
    assertThat(live.current().snapshot().instanceTypes()).containsOnlyKeys("ecs.g7.xlarge");
    assertThat(live.current().facts("n-h").shape().sharedCapacity()).isEqualTo(45);
    assertThat(decide().nodes().get(0).verdict().fits()).isTrue();

    cloud.vSwitch("vsw-h").availableIps(0);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(decide().nodes().get(0).verdict().reasons())
                    .extracting(r -> r.id())
                    .containsExactly(ReasonId.VSWITCHES_EXHAUSTED));
  }

  @Test
  void anOutageServesTheLastDataThenCapacityBecomesUnknownNotZero() {
    cloud.vSwitch("vsw-h").availableIps(0);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(decide().nodes().get(0).verdict().fits()).isFalse());

    cloud.failAlways("DescribeVSwitches", Fault.serverError());
    cloud.vSwitch("vsw-h").availableIps(50);

    // still the last good data: exhausted
    assertThat(decide().nodes().get(0).verdict().fits()).isFalse();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Decision d = decide();
              assertThat(d.nodes().get(0).verdict().fits()).isTrue();
              assertThat(d.nodes().get(0).verdict().reasons())
                  .extracting(r -> r.id())
                  .contains(ReasonId.CAPACITY_UNKNOWN);
            });
    assertThat(live.refresher().errors()).isPositive();
    assertThat(live.ready()).isTrue();
  }

  @Test
  void aReplicaStartedDuringAnOutageServesOnUnknownCapacityOnlyWhenFailingOpen() {
    cloud.failAlways("DescribeVSwitches", Fault.serverError());
    try (LiveCluster open = started(DecisionOptions.DEFAULT);
        LiveCluster closed =
            started(
                new DecisionOptions(
                    ScoringStrategy.SPREAD, DecisionOptions.UnknownCapacity.REJECT))) {
      await().atMost(Duration.ofSeconds(10)).until(open::ready);
      Decision d = open.current().decide(POD, List.of("n-h"), Purpose.EXPLAIN);
      assertThat(d.nodes().get(0).verdict().fits()).isTrue();
      assertThat(d.nodes().get(0).verdict().reasons())
          .extracting(r -> r.id())
          .contains(ReasonId.CAPACITY_UNKNOWN);
      assertThat(MockClusters.scrape(open))
          .contains("netplane_vswitch_capacity_unknown{vswitch=\"vsw-h\"} 1.0");
      assertThat(closed.ready()).isFalse();
    }
  }

  @Test
  void dataAgeMetricsMeasureTheDataNotTheSnapshot() {
    assertThat(MockClusters.scrape(live))
        .containsPattern("netplane_data_age_seconds\\{source=\"cluster\"} 0\\.")
        .doesNotContain("netplane_vswitch_capacity_unknown{");
    cloud.failAlways("DescribeVSwitches", Fault.serverError());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(MockClusters.scrape(live))
                    .contains("netplane_vswitch_capacity_unknown{vswitch=\"vsw-h\"} 1.0"));
    // the snapshot is re-cut as the data turns stale, so only the data's own age shows the outage
    assertThat(live.refresher().age().minus(live.snapshotAge()))
        .isGreaterThanOrEqualTo(MAX_STALENESS.minusMillis(50));
    assertThat(MockClusters.scrape(live))
        .containsPattern("netplane_data_age_seconds\\{source=\"cloud\"} [2-9]\\.");
  }

  @Test
  void freeIpsPerVSwitchFollowTheCloudAndTheirSeriesEndWithTheVSwitch() {
    // one registry for every scrape, as a running extender has
    ExtenderMetrics metrics = new ExtenderMetrics();
    LiveMetrics.bind(metrics, live);
    String h = "netplane_vswitch_free_ips{vswitch=\"vsw-h\",zone=\"cn-hangzhou-h\"}";
    assertThat(metrics.scrape())
        .contains(h + " 5.0")
        .as("referenced by nothing")
        .doesNotContain("netplane_vswitch_free_ips{vswitch=\"vsw-unrelated\"");

    cloud.vSwitch("vsw-h").availableIps(3);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(metrics.scrape()).contains(h + " 3.0"));

    cloud.removeVSwitch("vsw-h");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metrics.scrape())
                    .doesNotContain("netplane_vswitch_free_ips{vswitch=\"vsw-h\"")
                    .contains("netplane_vswitch_capacity_unknown{vswitch=\"vsw-h\"} 1.0"));

    eniConf("{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-unrelated\"]}}");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(metrics.scrape())
                    .contains(
                        "netplane_vswitch_free_ips{vswitch=\"vsw-unrelated\",zone=\"cn-hangzhou-h\"} 100.0")
                    .as("no longer referenced")
                    .doesNotContain("vswitch=\"vsw-h\""));
  }

  /** Replaces the base eni-config's {@code eni_conf}. */
  private static void eniConf(String json) {
    client
        .configMaps()
        .inNamespace("kube-system")
        .withName("eni-config")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("eni_conf", json).build());
  }

  @Test
  void aNewlyReferencedVSwitchIsFetchedWithoutWaitingForTheNextRefresh() {
    Duration hour = Duration.ofHours(1);
    try (LiveCluster slow =
        started(DecisionOptions.DEFAULT, new CloudRefresher.Timing(hour, hour, RETRY_BASE, hour))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> slow.ready() && slow.servesInventory());
      cloud.addVSwitch("vsw-new", "cn-hangzhou-h", "10.0.2.0/24", "vpc-1", 2);
      eniConf("{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-h\",\"vsw-new\"]}}");

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(slow.current().snapshot().vSwitches()).containsKey("vsw-new"));
      assertThat(slow.current().snapshot().vSwitches().get("vsw-new").availableIps()).isEqualTo(2L);
    }
  }

  @Test
  void podsThatGotTheirIpsAfterTheCloudDataCountUntilANewerRefresh() {
    Duration hour = Duration.ofHours(1);
    try (LiveCluster slow =
        started(DecisionOptions.DEFAULT, new CloudRefresher.Timing(hour, hour, RETRY_BASE, hour))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> slow.ready() && slow.servesInventory());
      // the cloud said 5 free; 5 pods get their IPs there before it is asked again
      for (int i = 0; i < 5; i++) {
        client
            .pods()
            .inNamespace("default")
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("got-ip-" + i)
                    .withNamespace("default")
                    .withUid("got-ip-" + i)
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName("n-h")
                    .addNewContainer()
                    .withName("c")
                    .withImage("app")
                    .endContainer()
                    .endSpec()
                    .withNewStatus()
                    .withPhase("Running")
                    .withPodIP("10.0.0." + (10 + i))
                    .endStatus()
                    .build())
            .create();
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(slow.current().reservations()).containsEntry("vsw-h", 5L));
      assertThat(
              slow.current()
                  .decide(POD, List.of("n-h"), Purpose.EXPLAIN)
                  .nodes()
                  .get(0)
                  .verdict()
                  .reasons())
          .extracting(r -> r.id())
          .containsExactly(ReasonId.VSWITCHES_EXHAUSTED);

      // a refresh asked after they got their IPs counts them itself
      cloud.vSwitch("vsw-h").availableIps(0);
      cloud.addVSwitch("vsw-new", "cn-hangzhou-i", "10.0.2.0/24", "vpc-1", 2);
      eniConf("{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-h\"],\"cn-hangzhou-i\":[\"vsw-new\"]}}");
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(slow.current().reservations()).doesNotContainKey("vsw-h"));
      assertThat(
              slow.current()
                  .decide(POD, List.of("n-h"), Purpose.EXPLAIN)
                  .nodes()
                  .get(0)
                  .verdict()
                  .fits())
          .isFalse();
    }
  }

  /**
   * Each retry waits a random time within [c/2, c] of c = 200 ms·2^(n-1), as the refresher says
   * when it fails, and the next attempt comes no sooner than that.
   */
  @Test
  void throttlingBacksOffExponentially() {
    int retries = 5;
    try (LogCapture log = new LogCapture()) {
      cloud.failAlways("DescribeVSwitches", Fault.throttling());
      List<ILoggingEvent> failures =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> refreshFailures(log), f -> f.size() >= retries);
      for (int n = 1; n <= retries; n++) {
        Duration wait = (Duration) failures.get(n - 1).getArgumentArray()[3];
        long ceiling = RETRY_BASE.toMillis() << (n - 1);
        assertThat(wait.toMillis()).as("wait before retry %d", n).isBetween(ceiling / 2, ceiling);
        if (n < retries) {
          assertThat(failures.get(n).getTimeStamp() - failures.get(n - 1).getTimeStamp())
              .as("time from failure %d to the next", n)
              .isGreaterThanOrEqualTo(wait.toMillis());
        }
      }
    }
  }

  private static List<ILoggingEvent> refreshFailures(LogCapture log) {
    return log.events().stream()
        .filter(e -> e.getLoggerName().equals(CloudRefresher.class.getName()))
        .filter(e -> e.getMessage().startsWith("cloud refresh failed ("))
        .toList();
  }

  private Decision decide() {
    return live.current().decide(POD, List.of("n-h"), Purpose.EXPLAIN);
  }
}
