package io.netplane.agent.plan;

import static io.netplane.agent.plan.Fixtures.NP;
import static io.netplane.agent.plan.Fixtures.ZONE_H;
import static io.netplane.agent.plan.Fixtures.ZONE_I;
import static io.netplane.agent.plan.Fixtures.ZONE_J;
import static io.netplane.agent.plan.Fixtures.converged;
import static io.netplane.agent.plan.Fixtures.node;
import static io.netplane.agent.plan.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each check, table-driven: a change to a converged cluster and the findings it must give. */
class FindingsTest {
  record Row(
      String name,
      UnaryOperator<Fixtures.PoolBuilder> pool,
      UnaryOperator<Fixtures.ObservedBuilder> cluster,
      List<FindingId> want,
      String messagePart) {}

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row("converged: nothing", p -> p, c -> c, List.of(), null),
            new Row("exactly 2x free: nothing", p -> p.expectedPods(100), c -> c, List.of(), null),
            new Row(
                "under 2x free",
                p -> p.expectedPods(101),
                c -> c,
                List.of(FindingId.CAPACITY_BELOW_TWICE_EXPECTED),
                "200 free IPs, under 2 x 101 expected pods = 202"),
            new Row(
                "unknown free IPs",
                p -> p,
                c -> c.vSwitch("vsw-i", ZONE_I, "10.1.1.0/24", null),
                List.of(FindingId.CAPACITY_UNKNOWN),
                "vsw-i"),
            new Row(
                "vSwitch in another VPC",
                p -> p,
                c -> c.vSwitch("vsw-i", ZONE_I, "10.1.1.0/24", "vpc-2", 100L),
                List.of(FindingId.VSWITCH_OUTSIDE_VPC),
                "vpc-2, the cluster is in vpc-1"),
            new Row(
                "VPC unknown: not checked",
                p -> p,
                c -> c.vpc(null).vSwitch("vsw-i", ZONE_I, "10.1.1.0/24", "vpc-2", 100L),
                List.of(),
                null),
            new Row(
                "vSwitch missing",
                p -> p,
                c -> c.noVSwitch("vsw-i"),
                List.of(FindingId.VSWITCH_NOT_FOUND, FindingId.NODE_ZONE_WITHOUT_POD_VSWITCH),
                "vsw-i is not known"),
            new Row(
                "pod vSwitch in a zone without nodes",
                p -> p.podVSwitches("vsw-h", "vsw-i", "vsw-k"),
                c -> c.vSwitch("vsw-k", "cn-hangzhou-k", "10.1.2.0/24", 100L),
                List.of(FindingId.ZONE_WITHOUT_NODES),
                "cn-hangzhou-k where the pool has no node"),
            new Row(
                "pool node in a zone without pod vSwitch draws from base",
                p -> p,
                c -> c.node(node("n-j").zone(ZONE_J).inPool(NP).configured()),
                List.of(FindingId.NODE_ZONE_WITHOUT_POD_VSWITCH),
                "base eni-config [vsw-base-j], outside the whitelist"),
            new Row(
                "node pool id not found",
                p -> p,
                c -> c.nodePool(null),
                List.of(FindingId.NODE_POOL_NOT_FOUND),
                "np1 does not exist"),
            new Row(
                "no base eni-config",
                p -> p,
                c -> c.base(null),
                List.of(FindingId.BASE_ENI_CONFIG_MISSING),
                "merged onto it"),
            new Row(
                "base security_group unioned",
                p -> p.securityGroups("sg-pool"),
                c -> c.base("{\"security_group\":\"sg-base\"}"),
                List.of(FindingId.BASE_SECURITY_GROUP_UNIONED),
                "sg-base"),
            new Row(
                "a node to recycle",
                p -> p,
                c -> c.node(node("n-x").zone(ZONE_H).inPool(NP)).pod("n-x", true, false),
                List.of(FindingId.NODE_NEEDS_RECYCLE),
                "1 pod(s) held ENI IPs before terway-config=eni-config-db"))
        .map(r -> Arguments.of(r.name(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void findings(String name, Row row) {
    Plan plan =
        Planner.plan(row.pool().apply(pool()).build(), row.cluster().apply(converged()).build());
    assertThat(plan.findings())
        .as(PlanText.render(plan))
        .extracting(Finding::id)
        .containsExactlyInAnyOrderElementsOf(row.want());
    if (row.messagePart() != null) {
      assertThat(plan.findings())
          .extracting(Finding::message)
          .anyMatch(m -> m.contains(row.messagePart()));
    }
    boolean errors = row.want().stream().anyMatch(f -> f.severity() == Severity.ERROR);
    assertThat(plan.blocked()).isEqualTo(errors);
  }
}
