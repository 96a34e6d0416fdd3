package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Decisions.rejections;
import static io.netplane.config.fixtures.Fixtures.INSTANCE_TYPE_NO_TRUNK;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.NodeBuilder;
import io.netplane.config.fixtures.PodBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.EniType;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN 2.3 ENI mode: exclusive ENIs on eniOnly nodes, member ENIs on attached trunk nodes. */
class EniModeRuleTest {
  static final boolean TRUNK_CLUSTER = true;
  static final boolean NON_TRUNK_CLUSTER = false;

  /** The pod draws from the node's eni-config instead of a PodNetworking. */
  static final EniType DEFAULT_NETWORK = null;

  /**
   * @param eniType eniType of the PodNetworking the pod selects; {@link #DEFAULT_NETWORK} for none
   * @param extra other objects (pods already on node {@code n}, overrides)
   * @param expected the rejection; null when the node fits
   */
  record Row(
      String name,
      boolean trunkCluster,
      EniType eniType,
      UnaryOperator<NodeBuilder> node,
      UnaryOperator<SnapshotBuilder> extra,
      ReasonId expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(
      String name,
      boolean trunk,
      EniType type,
      UnaryOperator<NodeBuilder> node,
      ReasonId expected) {
    return new Row(name, trunk, type, node, s -> s, expected);
  }

  static PodBuilder webOn(String name) {
    return pod(name).label("app", "web").deployment().runningOn("n");
  }

  static Stream<Row> rows() {
    return Stream.of(
        row(
            "ENI type on a trunk node",
            TRUNK_CLUSTER,
            EniType.ENI,
            NodeBuilder::trunk,
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "ENI type on a plain shared node",
            NON_TRUNK_CLUSTER,
            EniType.ENI,
            n -> n,
            ReasonId.ENI_MODE_MISMATCH),
        row("ENI type on an eniOnly node", TRUNK_CLUSTER, EniType.ENI, NodeBuilder::eniOnly, null),
        new Row(
            "ENI type on an eniOnly node whose aliyun/eni is used up",
            TRUNK_CLUSTER,
            EniType.ENI,
            n -> n.eniOnly().eni(2),
            s ->
                s.pod(
                    pod("x1").runningOn("n").requestsEni(1),
                    pod("x2").runningOn("n").requestsEni(1)),
            ReasonId.ENI_SLOTS_EXHAUSTED),
        row(
            "Trunk type on an eniOnly node",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            NodeBuilder::eniOnly,
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "Default type in a trunk cluster on an eniOnly node",
            TRUNK_CLUSTER,
            EniType.DEFAULT,
            NodeBuilder::eniOnly,
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "Trunk type on an attached trunk node",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            NodeBuilder::trunk,
            null),
        row(
            "Default type in a trunk cluster on an attached trunk node",
            TRUNK_CLUSTER,
            EniType.DEFAULT,
            NodeBuilder::trunk,
            null),
        row(
            "instance type without trunk support",
            TRUNK_CLUSTER,
            EniType.DEFAULT,
            n -> n.instanceType(INSTANCE_TYPE_NO_TRUNK),
            ReasonId.ENI_MODE_MISMATCH),
        new Row(
            "enable_eni_trunking off in the node's override",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.terwayConfig("eni-config-no-trunk"),
            s -> s.override("eni-config-no-trunk", c -> c.trunking(false)),
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "trunk-capable node without the trunk-on annotation",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n,
            ReasonId.TRUNK_NOT_ATTACHED),
        row(
            "unknown instance type and no trunk-on annotation",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.instanceType("ecs.unknown.large"),
            ReasonId.TRUNK_NOT_ATTACHED),
        new Row(
            "member slots used up by pods requesting aliyun/member-eni",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.trunk().memberEni(2),
            s -> s.pod(webOn("w1").requestsMemberEni(1), webOn("w2").requestsMemberEni(1)),
            ReasonId.ENI_SLOTS_EXHAUSTED),
        new Row(
            "one member slot left",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.trunk().memberEni(2),
            s -> s.pod(webOn("w1").requestsMemberEni(1)),
            null),
        new Row(
            "pods the webhook did not patch still take a member slot",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.trunk().memberEni(1),
            s -> s.pod(webOn("w1")),
            ReasonId.ENI_SLOTS_EXHAUSTED),
        new Row(
            "finished pods hold no member slot",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.trunk().memberEni(1),
            s -> s.pod(webOn("w1").requestsMemberEni(1).finished()),
            null),
        new Row(
            "pods on other nodes hold no slot here",
            TRUNK_CLUSTER,
            EniType.TRUNK,
            n -> n.trunk().memberEni(1),
            s ->
                s.node(node("other").trunk())
                    .pod(webOn("w1").requestsMemberEni(1).runningOn("other")),
            null),
        row(
            "PodNetworking pod in a non-trunk cluster on a shared node needs an exclusive ENI",
            NON_TRUNK_CLUSTER,
            EniType.DEFAULT,
            n -> n,
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "PodNetworking pod in a non-trunk cluster even on a trunk-annotated node",
            NON_TRUNK_CLUSTER,
            EniType.DEFAULT,
            NodeBuilder::trunk,
            ReasonId.ENI_MODE_MISMATCH),
        row(
            "PodNetworking pod in a non-trunk cluster on an eniOnly node",
            NON_TRUNK_CLUSTER,
            EniType.DEFAULT,
            NodeBuilder::eniOnly,
            null),
        row(
            "default network on a shared node in a non-trunk cluster",
            NON_TRUNK_CLUSTER,
            DEFAULT_NETWORK,
            n -> n,
            null),
        row(
            "default network on a non-trunk node in a trunk cluster uses shared ENIs",
            TRUNK_CLUSTER,
            DEFAULT_NETWORK,
            n -> n.instanceType(INSTANCE_TYPE_NO_TRUNK),
            null),
        new Row(
            "default network on an eniOnly node whose aliyun/eni is used up",
            NON_TRUNK_CLUSTER,
            DEFAULT_NETWORK,
            n -> n.eniOnly().eni(1),
            s -> s.pod(pod("x1").deployment().runningOn("n")),
            ReasonId.ENI_SLOTS_EXHAUSTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void nodeMustOfferTheEniKindTheNetworkNeeds(Row row) {
    SnapshotBuilder s =
        snapshot().trunking(row.trunkCluster).node(row.node.apply(node("n"))).namespace("batch");
    if (row.eniType != null) {
      s.podNetworking(
          podNetworking("pn").vSwitches(VSW_H).eniType(row.eniType).selectPods("app", "web"));
    }
    row.extra.apply(s);
    PodBuilder p = pod("new").deployment();
    if (row.eniType != null) {
      p.label("app", "web");
    }

    NodeDecision n = on(s.decider().decideAll(p.build()), "n");

    if (row.expected == null) {
      assertThat(n.verdict().code()).as("%s", n.verdict().reasons()).isEqualTo(Code.FIT);
    } else {
      assertThat(rejections(n)).containsExactly(row.expected);
      assertThat(n.verdict().code()).isEqualTo(row.expected.code());
    }
  }

  @org.junit.jupiter.api.Test
  void memberEnisNotAdvertisedPassWithACapacityNote() {
    NodeDecision n =
        on(
            snapshot()
                .trunking(true)
                .node(node("n").trunk().memberEni((Long) null))
                .podNetworking(podNetworking("pn").selectPods("app", "web"))
                .decider()
                .decideAll(pod("w").label("app", "web").build()),
            "n");

    assertThat(n.verdict().code()).isEqualTo(Code.FIT);
    assertThat(reasonIds(n)).contains(ReasonId.CAPACITY_UNKNOWN);
  }

  @org.junit.jupiter.api.Test
  void podWithTwoNetworksNeedsTwoMemberSlots() {
    SnapshotBuilder s =
        snapshot()
            .trunking(true)
            .node(node("one-slot").trunk().memberEni(1), node("two-slots").trunk().memberEni(2));
    var p =
        pod("multi")
            .podNetworks(
                io.netplane.config.fixtures.Fixtures.networkSpec(VSW_H),
                io.netplane.config.fixtures.Fixtures.networkSpec(VSW_H))
            .build();

    var d = s.decider().decideAll(p);

    assertThat(rejections(on(d, "one-slot"))).containsExactly(ReasonId.ENI_SLOTS_EXHAUSTED);
    assertThat(on(d, "two-slots").verdict().code()).isEqualTo(Code.FIT);
  }

  @org.junit.jupiter.api.Test
  void reasonIdsCarryTheCodesTheDesignGivesThem() {
    assertThat(ReasonId.ENI_MODE_MISMATCH.code()).isEqualTo(Code.UNRESOLVABLE);
    assertThat(ReasonId.TRUNK_NOT_ATTACHED.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(ReasonId.ENI_SLOTS_EXHAUSTED.code()).isEqualTo(Code.UNSCHEDULABLE);
  }
}
