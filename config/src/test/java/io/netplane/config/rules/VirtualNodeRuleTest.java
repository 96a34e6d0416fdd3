package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** DESIGN 2.3 Virtual nodes: no fixed IP; zone and free-IP rules still apply. */
class VirtualNodeRuleTest {
  static SnapshotBuilder cluster() {
    return snapshot()
        .trunking(true)
        .node(
            node("vk-h").virtual().instanceType(null),
            node("vk-i").virtual().instanceType(null).zone(ZONE_I))
        .podNetworking(
            podNetworking("pn-fixed").fixed().vSwitches(VSW_H, VSW_I).selectPods("app", "db"),
            podNetworking("pn-h").vSwitches(VSW_H).selectPods("app", "web"));
  }

  @Test
  void fixedIpPodCannotRunOnAVirtualNode() {
    Decision d =
        cluster().decider().decideAll(pod("db-0").label("app", "db").statefulSet().build());

    NodeDecision n = on(d, "vk-h");
    assertThat(n.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
    assertThat(reasonIds(n)).containsExactly(ReasonId.VIRTUAL_NODE_FIXED_IP);
  }

  @Test
  void elasticPodRunsOnAVirtualNodeWithoutEniChecks() {
    Decision d =
        cluster().decider().decideAll(pod("web-0").label("app", "web").deployment().build());

    NodeDecision n = on(d, "vk-h");
    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(n))
        .doesNotContain(ReasonId.TRUNK_NOT_ATTACHED, ReasonId.ENI_MODE_MISMATCH);
  }

  @Test
  void zoneRuleStillAppliesToVirtualNodes() {
    Decision d =
        cluster().decider().decideAll(pod("web-0").label("app", "web").deployment().build());

    assertThat(rejections(on(d, "vk-i"))).containsExactly(ReasonId.ZONE_MISMATCH);
  }

  @Test
  void freeIpRuleStillAppliesToVirtualNodes() {
    Decision d =
        cluster()
            .freeIps(VSW_H, 0)
            .decider()
            .decideAll(pod("web-0").label("app", "web").deployment().build());

    NodeDecision n = on(d, "vk-h");
    assertThat(n.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(rejections(n)).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
  }

  @Test
  void defaultNetworkPodOnAVirtualNodeNeedsNoSharedEniCapacity() {
    Decision d =
        snapshot()
            .node(node("vk-h").virtual().maxAvailableIp(0).insufficientIp())
            .decider()
            .decideAll(pod("plain").build());

    assertThat(on(d, "vk-h").verdict().code()).isEqualTo(Code.FIT);
  }
}
