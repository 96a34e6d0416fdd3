package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** DESIGN 2.2: a terway-config label naming a missing ConfigMap. */
class OverrideConfigRuleTest {
  static SnapshotBuilder cluster() {
    return snapshot()
        .override("eni-config-present", c -> c)
        .node(
            node("n-missing").terwayConfig("eni-config-missing").eniOnly(),
            node("n-present").terwayConfig("eni-config-present").eniOnly(),
            node("n-plain").eniOnly())
        .podNetworking(podNetworking("pn").selectPods("app", "web"));
  }

  @Test
  void defaultNetworkPodIsUnschedulableOnANodeWhoseOverrideIsMissing() {
    Decision d = cluster().decider().decideAll(pod("plain").build());

    NodeDecision n = on(d, "n-missing");
    assertThat(n.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(rejections(n)).containsExactly(ReasonId.OVERRIDE_CONFIG_MISSING);
    assertThat(reason(n, ReasonId.OVERRIDE_CONFIG_MISSING).detail())
        .containsEntry("configMap", "kube-system/eni-config-missing");
    assertThat(on(d, "n-present").verdict().code()).isEqualTo(Code.FIT);
    assertThat(on(d, "n-plain").verdict().code()).isEqualTo(Code.FIT);
  }

  @Test
  void podNetworkingPodIsNotAffectedByAMissingOverride() {
    Decision d = cluster().decider().decideAll(pod("web-0").label("app", "web").build());

    NodeDecision n = on(d, "n-missing");
    assertThat(rejections(n)).doesNotContain(ReasonId.OVERRIDE_CONFIG_MISSING);
    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
  }
}
