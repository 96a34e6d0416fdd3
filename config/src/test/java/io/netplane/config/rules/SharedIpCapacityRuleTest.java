package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.NodeBuilder;
import io.netplane.config.fixtures.PodBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.Labels;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN 2.3 Shared-ENI IP capacity for default-network pods. */
class SharedIpCapacityRuleTest {
  /** 3 ENIs x 2 IPs: the formula gives (3-1)*2 = 4 pod IPs. */
  static final String TINY = "ecs.tiny";

  /** 4 ENIs x 2 IPs: 6 by the formula, 4 when max_eni is 2. */
  static final String SMALL = "ecs.small";

  record Row(
      String name,
      UnaryOperator<NodeBuilder> node,
      List<PodBuilder> onNode,
      UnaryOperator<SnapshotBuilder> extra,
      ReasonId expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(
      String name, UnaryOperator<NodeBuilder> node, List<PodBuilder> pods, ReasonId expected) {
    return new Row(name, node, pods, s -> s, expected);
  }

  /** {@code count} default-network pods holding their IPs on node {@code n}. */
  static List<PodBuilder> running(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> pod("run-" + i).deployment().runningOn("n"))
        .toList();
  }

  static Stream<Row> rows() {
    return Stream.of(
        row("annotation with room", n -> n.maxAvailableIp(3), running(2), null),
        row(
            "annotation used up",
            n -> n.maxAvailableIp(3),
            running(3),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row(
            "bound pods still waiting for their IP count",
            n -> n.maxAvailableIp(2),
            List.of(pod("a").runningOn("n"), pod("b").boundTo("n")),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row(
            "hostNetwork, finished and ignored pods do not count",
            n -> n.maxAvailableIp(1),
            List.of(
                pod("host").daemonSet().hostNetwork().runningOn("n"),
                pod("done").runningOn("n").finished(),
                pod("ignored").ignoredByTerway().runningOn("n")),
            null),
        row(
            "pods on other nodes do not count",
            n -> n.maxAvailableIp(1),
            List.of(pod("elsewhere").runningOn("other")),
            null),
        row(
            "PodNetworking pods use member ENIs, not the shared ones",
            n -> n.maxAvailableIp(1),
            List.of(
                pod("w1").label("app", "web").runningOn("n"),
                pod("w2").label("app", "web").runningOn("n")),
            null),
        row(
            "pods of a pod-eni=false namespace draw from shared ENIs",
            n -> n.maxAvailableIp(1),
            List.of(pod("w1").namespace("opted-out").label("app", "web").runningOn("n")),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row("instance-type formula with room", n -> n.instanceType(TINY), running(3), null),
        row(
            "instance-type formula (EniQuantity-1)*EniPrivateIpAddressQuantity used up",
            n -> n.instanceType(TINY),
            running(4),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row("default instance type gives (4-1)*15 = 45, 44 used", n -> n, running(44), null),
        row(
            "default instance type gives (4-1)*15 = 45, 45 used",
            n -> n,
            running(45),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row(
            "annotation wins over the formula",
            n -> n.instanceType(TINY).maxAvailableIp(10),
            running(4),
            null),
        new Row(
            "max_eni caps the formula's ENIs",
            n -> n.instanceType(SMALL),
            running(4),
            s -> s.base(c -> c.maxEni(2)),
            ReasonId.NODE_IP_CAPACITY_EXHAUSTED),
        row(
            "SufficientIP=False",
            n -> n.maxAvailableIp(30).insufficientIp(),
            List.of(),
            ReasonId.NODE_INSUFFICIENT_IP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void sharedEniIpsMinusTheDefaultNetworkPodsOnTheNode(Row row) {
    SnapshotBuilder s =
        snapshot()
            .trunking(true)
            .instanceType(TINY, 3, 2, 3, false)
            .instanceType(SMALL, 4, 2, 4, false)
            .namespace("opted-out", Labels.POD_ENI, "false")
            .node(row.node.apply(node("n").trunk().memberEni(100)), node("other").trunk())
            .podNetworking(podNetworking("pn").selectPods("app", "web"));
    row.onNode.forEach(s::pod);
    row.extra.apply(s);

    NodeDecision n = on(s.decider().decideAll(pod("new").deployment().build()), "n");

    if (row.expected == null) {
      assertThat(n.verdict().code()).as("%s", n.verdict().reasons()).isEqualTo(Code.FIT);
    } else {
      assertThat(rejections(n)).containsExactly(row.expected);
      assertThat(n.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
    }
  }

  @org.junit.jupiter.api.Test
  void exhaustionReportsCapacityAndUse() {
    SnapshotBuilder s = snapshot().node(node("n").maxAvailableIp(2));
    running(2).forEach(s::pod);

    NodeDecision n = on(s.decider().decideAll(pod("new").build()), "n");

    assertThat(reason(n, ReasonId.NODE_IP_CAPACITY_EXHAUSTED).detail())
        .containsEntry("capacity", 2)
        .containsEntry("used", 2);
  }

  @org.junit.jupiter.api.Test
  void unknownCapacityPassesWithANote() {
    NodeDecision n =
        on(
            snapshot()
                .node(node("n").instanceType("ecs.unknown"))
                .decider()
                .decideAll(pod("new").build()),
            "n");

    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(n)).contains(ReasonId.CAPACITY_UNKNOWN);
  }

  @org.junit.jupiter.api.Test
  void podNetworkingPodIsNotLimitedBySharedCapacity() {
    NodeDecision n =
        on(
            snapshot()
                .trunking(true)
                .node(node("n").trunk().maxAvailableIp(0).insufficientIp())
                .podNetworking(podNetworking("pn").selectPods("app", "web"))
                .decider()
                .decideAll(pod("w").label("app", "web").build()),
            "n");

    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
  }
}
