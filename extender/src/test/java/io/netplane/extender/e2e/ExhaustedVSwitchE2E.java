package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exhausted vSwitches keep pods Pending, and kube-scheduler's event says which vSwitch and zone.
 */
class ExhaustedVSwitchE2E extends E2EBase {

  @Test
  void exhaustedVSwitchesKeepPodsPendingWithAnEventCountingNodesPerZoneAndNetwork() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("i1", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, 0);
    String vswI = vSwitch("i", ZONE_I, 0);
    String full = podNetworking("full", "Default", "Elastic", Map.of("app", "full"), vswH, vswI);

    createPod(pod("waiting").label("app", "full").memberEni());

    String message = awaitFailedScheduling("waiting", "VSwitchesExhausted", ZONE_H, ZONE_I);
    assertThat(message)
        .as("FailedScheduling event: the two nodes of zone h in one group")
        .contains("0/3 nodes are available")
        .contains("2 netplane: VSwitchesExhausted zone=" + ZONE_H + " network=" + full)
        .contains("1 netplane: VSwitchesExhausted zone=" + ZONE_I + " network=" + full);
    assertStaysPending(Duration.ofSeconds(3), "waiting");

    // IPs come back in zone i (the cloud refreshes); the next cluster event retries the pod
    setFreeIps(vswI, 5);
    touchNode(nodeName("i1"));
    assertThat(zoneOf(awaitBound("waiting"))).isEqualTo(ZONE_I);
  }
}
