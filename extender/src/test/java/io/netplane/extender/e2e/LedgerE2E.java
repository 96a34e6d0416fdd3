package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.cloud.fake.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The IP ledger through kube-scheduler when the extender's own view lags: a replica replaced
 * mid-burst, a network spanning two zones, pods holding IPs the cloud data does not show yet, a
 * vSwitch the inventory has never seen, and a replica starting while the cloud fails.
 */
class LedgerE2E extends E2EBase {
  private static final int FREE_IPS = 10;

  /** Longer than any test: every cloud fetch during one is on demand, none scheduled. */
  private static final Duration NO_SCHEDULED_REFRESH = Duration.ofHours(1);

  /** Whether the running extender is not the class's own. */
  private boolean replaced;

  /** Puts back the class's extender, on a cloud that answers, after a test that replaced it. */
  @AfterEach
  void restoreExtender() {
    cloud.clearFaults();
    if (replaced) {
      replaceExtender(this::serve);
      replaced = false;
    }
  }

  /** Stops the running extender and starts {@code next} on the same port in its place. */
  private void replaceExtender(Supplier<NetplaneExtender> next) {
    extender.close();
    replaced = true;
    extender = next.get();
  }

  @Test
  void anExtenderReplacedMidBurstNeverLetsMorePodsBindThanFreeIps() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("h3", ZONE_H), node("i1", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    podNetworking("burst", "Default", "Elastic", Map.of("app", "burst"), vswH);

    extender.dieAfterFilterPasses(4);
    burst("burst", 0, 30);
    await("the extender dead after 4 filter passes").atMost(WAIT).until(extender::dead);
    // its holds die with it, bindings possibly under way; kube-scheduler retries the pods it failed
    replaceExtender(() -> NetplaneExtender.withCloud(cluster, cloud));
    assertThat(boundPods().size()).as("bound when the replacement started").isLessThanOrEqualTo(4);

    awaitExactlyBound(FREE_IPS);
    assertThat(extender.live().current().reservations()).containsEntry(vswH, (long) FREE_IPS);
  }

  @Test
  void aBurstOnANetworkOfTwoZonesBindsEveryPodItHasIpsFor() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("i1", ZONE_I), node("i2", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    String vswI = vSwitch("i", ZONE_I, FREE_IPS);
    podNetworking("two-zones", "Default", "Elastic", Map.of("app", "two-zones"), vswH, vswI);

    List<String> pods = burst("two-zones", 0, 2 * FREE_IPS);

    await("all " + pods.size() + " pods bound")
        .atMost(Duration.ofSeconds(20))
        .until(() -> boundPods().size() == pods.size());
    Map<String, String> bound = boundPods();
    assertThat(bound.values().stream().filter(n -> zoneOf(n).equals(ZONE_H)).count())
        .as("bound in zone h")
        .isEqualTo(FREE_IPS);
    assertThat(extender.live().current().reservations())
        .containsEntry(vswH, (long) FREE_IPS)
        .containsEntry(vswI, (long) FREE_IPS);
  }

  @Test
  void podsThatGotTheirIpsAfterTheCloudDataWasTakenStillCountUntilANewerRefresh() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("h3", ZONE_H));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    podNetworking("late", "Default", "Elastic", Map.of("app", "late"), vswH);
    // from here on the cloud data stays as first fetched: 10 free
    replaceExtender(() -> NetplaneExtender.withCloud(cluster, cloud, NO_SCHEDULED_REFRESH, true));

    List<String> first = burst("late", 0, 6);
    await("the first 6 pods bound").atMost(WAIT).until(() -> boundPods().size() == first.size());
    for (int i = 0; i < first.size(); i++) {
      giveIp(first.get(i), "172.16.0." + (10 + i));
    }
    // the cloud counts them now; netplane will see that only on its next refresh
    cloud.vSwitch(vswH).availableIps(FREE_IPS - first.size());
    extender.awaitSnapshot(
        "the first pods with their IPs",
        s ->
            s.pods().stream()
                .filter(p -> p.namespace().equals(ns) && p.name().startsWith("late-"))
                .allMatch(p -> p.hasIp()));
    assertThat(extender.snapshot().vSwitches().get(vswH).availableIps())
        .as("netplane's cloud data")
        .isEqualTo(FREE_IPS);

    burst("late", first.size(), FREE_IPS);
    awaitExactlyBound(FREE_IPS);
    assertThat(extender.live().current().reservations())
        .as("6 IPs the cloud data predates, 4 bound pods without one")
        .containsEntry(vswH, (long) FREE_IPS);

    // a newer refresh (here: fetching the vSwitch of a network created now) shows the 6 in the
    // cloud's count
    readyPodNetworking(
        "other", "Default", "Elastic", Map.of("app", "other"), vSwitch("other", ZONE_H, 5));
    setFreeIps(vswH, FREE_IPS - first.size());
    assertThat(extender.live().current().reservations())
        .as("only the bound pods without an IP")
        .containsEntry(vswH, (long) FREE_IPS - first.size());
    // an event, so kube-scheduler retries the rejected pods against the refreshed ledger
    touchNode(nodeName("h1"));
    awaitExactlyBound(FREE_IPS);
  }

  @Test
  void aVSwitchTheInventoryLacksIsFetchedWhenANetworkNamesIt() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H));
    replaceExtender(() -> NetplaneExtender.withCloud(cluster, cloud, NO_SCHEDULED_REFRESH, true));
    String vswNew = vSwitch("new", ZONE_H, 2);
    String network = readyPodNetworking("new", "Default", "Elastic", Map.of("app", "new"), vswNew);
    extender.awaitSnapshot(
        "PodNetworking " + network + " Ready",
        s -> s.podNetworkings().stream().anyMatch(pn -> pn.name().equals(network) && pn.ready()));

    burst("new", 0, 10);

    awaitExactlyBound(2);
    assertThat(extender.snapshot().vSwitches().get(vswNew).availableIps()).isEqualTo(2);
  }

  @Test
  void aReplicaStartedDuringACloudOutageServesAndShowsWhatItAdmittedOnUnknownCapacity() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    podNetworking("outage", "Default", "Elastic", Map.of("app", "outage"), vswH);
    cloud.failAlways(FakeAlibabaCloud.ANY_ACTION, Fault.unavailable());

    replaceExtender(
        () -> NetplaneExtender.withCloud(cluster, cloud, NetplaneExtender.CLOUD_REFRESH, false));
    assertThat(extender.live().ready()).as("ready").isTrue();
    assertThat(extender.live().servesInventory()).as("serves cloud data").isFalse();

    createPod(pod("unknown").label("app", "outage").memberEni());
    awaitBound("unknown");
    String metrics = extender.metrics().scrape();
    assertThat(metrics)
        .as("unknown capacity of the network's vSwitch")
        .containsPattern(
            "netplane_vswitch_capacity_unknown\\{vswitch=\"" + Pattern.quote(vswH) + "\"} 1\\.0");
    assertThat(metrics)
        .as("the filter's note")
        .containsPattern(
            "netplane_extender_node_verdicts_total\\{reason=\"CapacityUnknown\",verb=\"filter\"} [1-9]");

    cloud.clearFaults();
    await("cloud data back").atMost(WAIT).until(() -> extender.live().servesInventory());
    assertThat(extender.metrics().scrape())
        .doesNotContain("netplane_vswitch_capacity_unknown{vswitch=\"" + vswH);
  }

  /** Sets the pod's IP and phase Running as kubelet does once the CNI gave it the IP. */
  private void giveIp(String pod, String ip) {
    kube.pods()
        .inNamespace(ns)
        .withName(pod)
        .editStatus(
            p ->
                new PodBuilder(p)
                    .editOrNewStatus()
                    .withPhase("Running")
                    .withPodIP(ip)
                    .withPodIPs(new PodIP(ip))
                    .endStatus()
                    .build());
  }
}
