package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Resolution;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.extender.TestData;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled demo decides as its README says (deploy/demo/README.md, "Expected decisions"). */
class DemoSnapshotTest {
  private static final String H1 = "cn-hangzhou.192.168.0.11";
  private static final String H2 = "cn-hangzhou.192.168.0.12";
  private static final String HP1 = "cn-hangzhou.192.168.0.21";
  private static final String HP2 = "cn-hangzhou.192.168.0.22";
  private static final String I1 = "cn-hangzhou.192.168.16.11";
  private static final String I2 = "cn-hangzhou.192.168.16.12";
  private static final String I3 = "cn-hangzhou.192.168.16.13";
  private static final String J1 = "cn-hangzhou.192.168.32.11";
  private static final String VK = "virtual-kubelet-cn-hangzhou-j";
  private static final List<String> DEFAULT_FIT = List.of(H1, H2, HP1, HP2, I1, I2);
  private static final List<String> WEB_FIT = List.of(H1, H2, HP1, HP2, I1, I3);
  private static final List<String> IJ_FIT = List.of(I1, I3, J1, VK);

  private static Decider decider;

  @BeforeAll
  static void load() {
    decider =
        new Decider(
            SnapshotLoader.load(TestData.demo(), TestData.NOW).snapshot(), ScoringStrategy.SPREAD);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row("default/shop-api-5d7c9b8f6-qz4hn", Resolution.Kind.DEFAULT, DEFAULT_FIT),
        row("default/web-6c9f8d7b5d-xw2rd", Resolution.Kind.SELECTOR, WEB_FIT),
        row("stateful/db-1", Resolution.Kind.POD_NETWORKS, List.of(H1, H2, HP1, HP2)),
        row("stateful/db-2", Resolution.Kind.SELECTOR, List.of(I1, I3)),
        row("stateful/db-backup-7c4d9f8b6-q8wz2", Resolution.Kind.DEFAULT, DEFAULT_FIT),
        row(
            "default/partner-gateway-5c9b8d7f6-m2k8p",
            Resolution.Kind.POD_NETWORKS,
            List.of(H1, H2, HP1, HP2, J1, VK)),
        row("default/analytics-export", Resolution.Kind.POD_NETWORKS_REQUEST, IJ_FIT),
        row("default/feature-join", Resolution.Kind.INVALID, List.of()),
        row("default/monthly-report", Resolution.Kind.INVALID, List.of()),
        row("default/web-canary-7d4f9c8b6-r5p8l", Resolution.Kind.POD_NETWORKING, IJ_FIT),
        row("apps/checkout-web-6b5d8f7c9-kt6vn", Resolution.Kind.SELECTOR, WEB_FIT),
        row("default/batch-worker-58c7d9f6b-j7x2q", Resolution.Kind.SELECTOR, List.of()),
        row("default/risk-engine-5b8d7f9c6-d8w3s", Resolution.Kind.SELECTOR, List.of(I2)),
        row("apps/payments-api-84b6d9c7f-5zq9c", Resolution.Kind.SELECTOR, IJ_FIT),
        row("legacy/shop-legacy-6c8d9b7f5-w2m4k", Resolution.Kind.DEFAULT, DEFAULT_FIT),
        row("db-clients/order-reconciler-6f8b9d7c5-p9v2x", Resolution.Kind.DEFAULT, DEFAULT_FIT));
  }

  private static Arguments row(String pod, Resolution.Kind kind, List<String> fit) {
    return Arguments.of(pod, kind, fit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesAsDocumented(String key, Resolution.Kind kind, List<String> fit) {
    String[] ns = key.split("/");
    PodView pod = decider.snapshot().pod(ns[0], ns[1]);
    assertThat(pod).as("pod %s in the demo", key).isNotNull();
    Decision d = decider.decideAll(pod);
    assertThat(d.resolution().kind()).isEqualTo(kind);
    assertThat(d.nodes().stream().filter(n -> n.verdict().fits()).map(NodeDecision::node))
        .containsExactlyInAnyOrderElementsOf(fit);
    assertThat(d.nodes()).hasSize(decider.snapshot().nodes().size());
  }
}
