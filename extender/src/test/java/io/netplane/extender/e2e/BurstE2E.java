package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A burst of pods against a vSwitch with few free IPs. The cloud's free-IP count never drops
 * (Terway does not decrement it per allocation, and here no pod ever gets an IP), so only
 * netplane's in-flight reservations of bound, IP-less pods keep the zone from being overbooked.
 */
class BurstE2E extends E2EBase {
  private static final int FREE_IPS = 10;
  private static final int PODS = 30;

  @Test
  void aBurstOf30PodsAgainst10FreeIpsBindsOnly10() {
    createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("h3", ZONE_H), node("i1", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    podNetworking("burst", "Default", "Elastic", Map.of("app", "burst"), vswH);

    burst("burst", 0, PODS);

    // 10 of 30, and no more while kube-scheduler keeps retrying the other 20
    awaitExactlyBound(FREE_IPS);
    assertThat(zonesOf(boundPods().values())).containsExactly(ZONE_H);
    assertThat(extender.live().current().reservations()).containsEntry(vswH, (long) FREE_IPS);
    assertThat(cloud.vSwitch(vswH).availableIps())
        .as("the cloud still reports")
        .isEqualTo(FREE_IPS);

    String pending =
        IntStream.range(0, PODS)
            .mapToObj(i -> "burst-" + i)
            .filter(p -> nodeOf(p) == null)
            .findFirst()
            .orElseThrow();
    assertThat(awaitFailedScheduling(pending, "VSwitchesExhausted"))
        .as("the three nodes of zone h in one group")
        .contains("3 netplane: VSwitchesExhausted zone=" + ZONE_H);
  }

  @Test
  void aBurstOverflowsIntoTheNetworksOtherZoneOnceThePreferredOneIsFull() {
    createNodes(
        node("h1", ZONE_H),
        node("h2", ZONE_H),
        node("h3", ZONE_H),
        node("i1", ZONE_I),
        node("i2", ZONE_I));
    // ordered: vsw-h is listed first, so zone h is preferred while it has room
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    String vswI = vSwitch("i", ZONE_I, 500);
    podNetworking("burst", "Default", "Elastic", Map.of("app", "burst"), vswH, vswI);

    burst("burst", 0, PODS);

    await("all 30 pods bound").atMost(WAIT).until(() -> boundPods().size() == PODS);
    long inH = boundPods().values().stream().filter(n -> zoneOf(n).equals(ZONE_H)).count();
    assertThat(inH)
        .as("pods bound in zone h, whose vSwitch had %d free IPs", FREE_IPS)
        .isLessThanOrEqualTo(FREE_IPS);
    assertThat(PODS - inH).as("pods bound in zone i").isGreaterThanOrEqualTo(PODS - FREE_IPS);
  }
}
