package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static io.netplane.extender.e2e.Fixtures.ZONE_J;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pods land only in the zones their PodNetworking's vSwitches live in. */
class ZoneE2E extends E2EBase {

  @Test
  void podsLandOnlyInTheirVSwitchesZones() {
    createNodes(
        node("h1", ZONE_H), node("h2", ZONE_H),
        node("i1", ZONE_I), node("i2", ZONE_I),
        node("j1", ZONE_J), node("j2", ZONE_J));
    String web =
        podNetworking(
            "web",
            "Default",
            "Elastic",
            Map.of("app", "web"),
            vSwitch("web-h", ZONE_H, 200),
            vSwitch("web-i", ZONE_I, 200));
    String batch =
        podNetworking(
            "batch", "Default", "Elastic", Map.of("app", "batch"), vSwitch("batch-j", ZONE_J, 200));

    List<String> webPods = new ArrayList<>();
    List<String> batchPods = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      webPods.add(
          createPod(pod("web-" + i).label("app", "web").memberEni()).getMetadata().getName());
    }
    for (int i = 0; i < 4; i++) {
      batchPods.add(
          createPod(pod("batch-" + i).label("app", "batch").memberEni()).getMetadata().getName());
    }
    // an explicit request for a PodNetworking without selector matching, as a user may write it
    createPod(pod("explicit").annotation("k8s.aliyun.com/pod-networking", batch).memberEni());

    for (String p : webPods) {
      assertZone(p + " on " + web + " (zones h, i)", zoneOf(awaitBound(p)), ZONE_H, ZONE_I);
    }
    for (String p : batchPods) {
      assertZone(p + " on " + batch + " (zone j)", zoneOf(awaitBound(p)), ZONE_J);
    }
    assertZone("explicit pod-networking annotation", zoneOf(awaitBound("explicit")), ZONE_J);
  }

  @Test
  void aNetworkWhoseZonesHaveNoNodeKeepsPodsPendingSayingWhichNodeZones() {
    createNodes(node("h1", ZONE_H), node("i1", ZONE_I));
    String onlyJ =
        podNetworking(
            "only-j", "Default", "Elastic", Map.of("app", "only-j"), vSwitch("j", ZONE_J, 100));

    createPod(pod("orphan").label("app", "only-j").memberEni());

    String message = awaitFailedScheduling("orphan", "ZoneMismatch");
    assertThat(message)
        .as("event names every node's zone")
        .contains("0/2 nodes are available")
        .contains("1 netplane: ZoneMismatch zone=" + ZONE_H)
        .contains("1 netplane: ZoneMismatch zone=" + ZONE_I);
    assertThat(netplaneView(onlyJ).ready()).isTrue();
    assertStaysPending(java.time.Duration.ofSeconds(3), "orphan");
  }
}
