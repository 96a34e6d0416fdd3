package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * eniType ENI pods land only on exclusive-ENI (eniOnly) nodes, trunk pods only on nodes whose trunk
 * ENI is attached. Pods Terway's webhook patched request {@code aliyun/eni} or {@code
 * aliyun/member-eni}, which kube-scheduler checks itself; pods it did not patch (the webhook's
 * failurePolicy is Ignore) request nothing, and only netplane keeps them off the wrong nodes.
 */
class EniModeE2E extends E2EBase {

  @Test
  void exclusiveEniPodsLandOnEniOnlyNodesAndTrunkPodsOnTrunkNodes() {
    List<String> trunkNodes = List.of(nodeName("trunk1"), nodeName("trunk2"));
    List<String> eniOnlyNodes = List.of(nodeName("eni1"), nodeName("eni2"));
    createNodes(
        node("trunk1", ZONE_H),
        node("trunk2", ZONE_H),
        node("eni1", ZONE_H).eniOnly(),
        node("eni2", ZONE_H).eniOnly(),
        // a burstable type without trunk support, in ENIMultiIP mode
        node("t6", ZONE_H).instanceType(Fixtures.T6_LARGE).trunkOn(false),
        // trunk-capable, but the Terway agent has not attached the trunk ENI yet
        node("detached", ZONE_H).trunkOn(false));
    String exclusive =
        podNetworking(
            "exclusive",
            "ENI",
            "Elastic",
            Map.of("app", "exclusive"),
            vSwitch("excl", ZONE_H, 100));
    String trunk =
        podNetworking(
            "trunk", "Trunk", "Elastic", Map.of("app", "trunk"), vSwitch("trunk", ZONE_H, 100));

    for (int i = 0; i < 4; i++) {
      createPod(pod("exclusive-" + i).label("app", "exclusive"));
      createPod(pod("trunk-" + i).label("app", "trunk"));
    }
    createPod(pod("exclusive-patched").label("app", "exclusive").eni());
    createPod(pod("trunk-patched").label("app", "trunk").memberEni());

    for (String p :
        List.of("exclusive-0", "exclusive-1", "exclusive-2", "exclusive-3", "exclusive-patched")) {
      assertThat(awaitBound(p)).as("%s on %s (eniType ENI)", p, exclusive).isIn(eniOnlyNodes);
    }
    for (String p : List.of("trunk-0", "trunk-1", "trunk-2", "trunk-3", "trunk-patched")) {
      assertThat(awaitBound(p)).as("%s on %s (eniType Trunk)", p, trunk).isIn(trunkNodes);
    }
  }

  @Test
  void aTrunkPodWithNoTrunkNodeLeftStaysPendingSayingWhy() {
    createNodes(
        node("eni1", ZONE_H).eniOnly(),
        node("t6", ZONE_H).instanceType(Fixtures.T6_LARGE).trunkOn(false),
        node("detached", ZONE_H).trunkOn(false));
    podNetworking(
        "trunk", "Trunk", "Elastic", Map.of("app", "trunk"), vSwitch("trunk", ZONE_H, 100));

    createPod(pod("trunk-0").label("app", "trunk"));

    String message = awaitFailedScheduling("trunk-0", "EniModeMismatch", "TrunkNotAttached");
    assertThat(message)
        .as("FailedScheduling event")
        .contains("0/3 nodes are available")
        // the eniOnly node: its line ends where the next group's begins
        .contains("1 netplane: EniModeMismatch needs=\"trunk member ENI\", ")
        .contains(
            "1 netplane: EniModeMismatch needs=\"trunk member ENI\" instanceType="
                + Fixtures.T6_LARGE
                + " trunkingEnabled=true")
        .contains("1 netplane: TrunkNotAttached");
  }
}
