package io.netplane.config.rules;

import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.Labels;
import io.netplane.config.model.PodView;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A decider built with a previous one may reuse resolutions of the very same pod instances, but
 * every input a resolution depends on must invalidate them: each row changes one input between two
 * snapshots holding the same pods and expects what a fresh decider sees.
 */
class DeciderReuseTest {
  /** Two bound web pods in namespace apps, owned by a CloneSet, waiting for their IPs on n1. */
  static final List<PodView> PODS =
      List.of(
          pod("web-0")
              .namespace("apps")
              .label("app", "web")
              .ownedBy("CloneSet")
              .boundTo("n1")
              .build(),
          pod("web-1")
              .namespace("apps")
              .label("app", "web")
              .ownedBy("CloneSet")
              .boundTo("n1")
              .build());

  static final String PN_VSW = "vsw-pn";

  /** What a decider says about n1: shared-ENI pods and reservations. */
  record Observed(int sharedUsed, java.util.Map<String, Long> reservations) {}

  static Observed observe(Decider d) {
    return new Observed(d.facts("n1").shape().sharedUsed(), d.reservations());
  }

  record Row(
      String name, UnaryOperator<SnapshotBuilder> before, UnaryOperator<SnapshotBuilder> after) {
    @Override
    public String toString() {
      return name;
    }
  }

  static SnapshotBuilder base() {
    // PodNetworkings draw from vsw-pn, the default network from vsw-h: reservations tell them apart
    return snapshot()
        .node(node("n1").maxAvailableIp(50))
        .vSwitch(PN_VSW, ZONE_H, 50)
        .namespace("apps", "team", "web")
        .pods(PODS);
  }

  static Stream<Row> rows() {
    Function<Boolean, UnaryOperator<SnapshotBuilder>> webPn =
        ready ->
            s ->
                s.podNetworking(
                    ready
                        ? podNetworking("pn").vSwitches(PN_VSW).selectPods("app", "web")
                        : podNetworking("pn")
                            .vSwitches(PN_VSW)
                            .selectPods("app", "web")
                            .notReady("vsw gone"));
    return Stream.of(
        new Row(
            "PodNetworking selector changes",
            webPn.apply(true),
            s -> s.podNetworking(podNetworking("pn").vSwitches(PN_VSW).selectPods("app", "db"))),
        new Row("PodNetworking stops being Ready", webPn.apply(true), webPn.apply(false)),
        new Row("PodNetworking appears", s -> s, webPn.apply(true)),
        new Row(
            "namespace opts out with pod-eni=false",
            webPn.apply(true),
            s ->
                webPn
                    .apply(true)
                    .apply(s)
                    .namespace("apps", "team", "web", Labels.POD_ENI, "false")),
        new Row(
            "namespace labels stop matching",
            s ->
                s.podNetworking(
                    podNetworking("pn").vSwitches(PN_VSW).selectNamespaces("team", "web")),
            s ->
                s.podNetworking(
                        podNetworking("pn").vSwitches(PN_VSW).selectNamespaces("team", "web"))
                    .namespace("apps", "team", "db")),
        new Row(
            "custom_stateful_workload_kinds gains the owner kind",
            s ->
                s.podNetworking(
                    podNetworking("pn").fixed().vSwitches(PN_VSW).selectPods("app", "web")),
            s ->
                s.podNetworking(
                        podNetworking("pn").fixed().vSwitches(PN_VSW).selectPods("app", "web"))
                    .base(c -> c.statefulWorkloadKinds("CloneSet"))),
        new Row(
            "inventory moves a vSwitch of a requested network to another zone",
            s -> requested(s, ZONE_H),
            s -> requested(s, ZONE_I)));
  }

  /** The pods request pn-a (vsw-a in h) and pn-b (vsw-b in {@code zoneOfB}). */
  static SnapshotBuilder requested(SnapshotBuilder s, String zoneOfB) {
    List<PodView> requesting =
        PODS.stream()
            .map(
                p ->
                    pod(p.name())
                        .namespace("apps")
                        .label("app", "web")
                        .ownedBy("CloneSet")
                        .podNetworksRequest("pn-a", "pn-b")
                        .boundTo("n1")
                        .build())
            .toList();
    return s.pods(requesting)
        .vSwitch("vsw-a", ZONE_H, 50)
        .vSwitch("vsw-b", zoneOfB, 50)
        .podNetworking(
            podNetworking("pn-a").vSwitches("vsw-a"), podNetworking("pn-b").vSwitches("vsw-b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aDeciderBuiltFromAPreviousOneSeesWhatAFreshOneSees(Row row) {
    SnapshotBuilder beforeBuilder = row.before.apply(base());
    var before = beforeBuilder.build();
    SnapshotBuilder afterBuilder = row.after.apply(base());
    if (row.name.startsWith("inventory")) {
      // keep the very same pod instances in both snapshots, so reuse is possible
      afterBuilder.pods(before.pods());
    }
    var after = afterBuilder.build();
    assertThat(after.pods()).as("same pod instances").isEqualTo(before.pods());

    Decider previous = new Decider(before, ScoringStrategy.SPREAD);
    Decider reused = new Decider(after, ScoringStrategy.SPREAD, previous);
    Decider fresh = new Decider(after, ScoringStrategy.SPREAD);

    assertThat(observe(reused)).isEqualTo(observe(fresh));
    assertThat(observe(fresh)).as("the change matters").isNotEqualTo(observe(previous));
  }

  @Test
  void aDeciderBuiltFromAPreviousOneOverUnchangedInputsReusesItsResolutions() {
    var snapshot =
        base()
            .podNetworking(podNetworking("pn").vSwitches(PN_VSW).selectPods("app", "web"))
            .build();
    Decider previous = new Decider(snapshot, ScoringStrategy.SPREAD);
    Resolution first = previous.resolver().resolveAndRemember(PODS.get(0));

    Decider reused = new Decider(snapshot, ScoringStrategy.SPREAD, previous);
    Decider fresh = new Decider(snapshot, ScoringStrategy.SPREAD);

    assertThat(reused.resolver().resolveAndRemember(PODS.get(0)))
        .as("reused, not resolved again")
        .isSameAs(first);
    assertThat(fresh.resolver().resolveAndRemember(PODS.get(0)))
        .as("a fresh decider resolves anew")
        .isNotSameAs(first)
        .isEqualTo(first);
  }
}
