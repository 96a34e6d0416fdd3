package io.netplane.agent.plan;

import static io.netplane.agent.plan.Fixtures.NOW;
import static io.netplane.agent.plan.Fixtures.NP;
import static io.netplane.agent.plan.Fixtures.converged;
import static io.netplane.agent.plan.Fixtures.node;
import static io.netplane.agent.plan.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.agent.model.ConditionReason;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolStatusesTest {
  @Test
  void aConvergedPoolIsReadyWithItsWhitelist() {
    var p = pool().build();
    FixedCidrPoolStatus s =
        PoolStatuses.of(p, Planner.plan(p, converged().build()), null, null, NOW);
    assertThat(s.observedGeneration()).isEqualTo(3L);
    assertThat(s.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
    assertThat(s.nodePoolId()).isEqualTo(NP);
    assertThat(s.conditions())
        .extracting(PoolCondition::type, PoolCondition::status, PoolCondition::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True", "Ready"),
            org.assertj.core.groups.Tuple.tuple("CapacitySufficient", "True", "Sufficient"),
            org.assertj.core.groups.Tuple.tuple("NodesConfigured", "True", "AllNodesConfigured"),
            org.assertj.core.groups.Tuple.tuple("NodePoolSynced", "True", "Synced"));
  }

  @Test
  void transitionTimesMoveOnlyWhenTheStatusChanges() {
    var p = pool().build();
    FixedCidrPoolStatus first =
        PoolStatuses.of(p, Planner.plan(p, converged().build()), null, null, NOW);
    FixedCidrPoolStatus same =
        PoolStatuses.of(
            p, Planner.plan(p, converged().build()), first, null, NOW.plus(Duration.ofHours(1)));
    assertThat(same.condition(ConditionType.READY).lastTransitionTime()).isEqualTo(NOW.toString());

    FixedCidrPoolStatus recycled =
        PoolStatuses.of(
            p,
            Planner.plan(
                p,
                converged()
                    .node(
                        node("n-x")
                            .inPool(NP)
                            .label(PoolLabels.TERWAY_CONFIG, "eni-config-db")
                            .annotation(PoolLabels.OWNER, "db")
                            .annotation(PoolLabels.OWNED_LABELS, PoolLabels.TERWAY_CONFIG)
                            .annotation(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=db:NoSchedule")
                            .annotation(
                                PoolLabels.RECYCLE,
                                "trunk ENI eni-1 attached before terway-config=eni-config-db")
                            .taint(Fixtures.poolTaint()))
                    .build()),
            same,
            null,
            NOW.plus(Duration.ofHours(2)));
    assertThat(recycled.condition(ConditionType.READY).reason())
        .isEqualTo(ConditionReason.NODES_NEED_RECYCLE.value());
    assertThat(recycled.condition(ConditionType.READY).lastTransitionTime())
        .isEqualTo(NOW.plus(Duration.ofHours(2)).toString());
    assertThat(recycled.condition(ConditionType.CAPACITY_SUFFICIENT).lastTransitionTime())
        .isEqualTo(NOW.toString());
    assertThat(recycled.nodes().needingRecycle()).containsExactly("n-x");
  }

  @Test
  void aCloudFailureNamesTheApiCode() {
    var p = pool().build();
    FixedCidrPoolStatus s =
        PoolStatuses.of(
            p,
            Planner.plan(p, converged().build()),
            null,
            new Failure(
                ConditionReason.CLOUD_ERROR,
                "Throttling.User",
                "Request was denied due to user flow control.",
                true),
            NOW);
    assertThat(s.condition(ConditionType.READY).message()).startsWith("Throttling.User: ");
    assertThat(s.condition(ConditionType.NODE_POOL_SYNCED).reason()).isEqualTo("CloudError");
  }

  @Test
  void anInvalidConfigurationIsNotReady() {
    var p = pool().build();
    FixedCidrPoolStatus s =
        PoolStatuses.of(
            p, Planner.plan(p, converged().noVSwitch("vsw-i").build()), null, null, NOW);
    assertThat(s.condition(ConditionType.READY).reason()).isEqualTo("InvalidConfiguration");
    assertThat(s.condition(ConditionType.CAPACITY_SUFFICIENT).reason())
        .isEqualTo("VSwitchNotFound");
  }

  @Test
  void aBlockedPoolListsEveryErrorFinding() {
    var p = pool().build();
    FixedCidrPoolStatus s =
        PoolStatuses.of(
            p,
            Planner.plan(p, converged().noVSwitch("vsw-i").vpc("vpc-other").build()),
            null,
            null,
            NOW);
    String message = s.condition(ConditionType.READY).message();
    assertThat(message)
        .startsWith("2 error(s): ")
        .contains("VSwitchNotFound vsw-i")
        .contains("VSwitchOutsideClusterVpc vsw-h");
  }

  @Test
  void anInvalidSpecListsEveryErrorAndLeavesTheRestUnknown() {
    FixedCidrPoolStatus s =
        PoolStatuses.invalid(4L, java.util.List.of("spec.a: bad", "spec.b: worse"), null, NOW);
    assertThat(s.observedGeneration()).isEqualTo(4L);
    assertThat(s.condition(ConditionType.READY).status()).isEqualTo("False");
    assertThat(s.condition(ConditionType.READY).reason()).isEqualTo("InvalidConfiguration");
    assertThat(s.condition(ConditionType.READY).message())
        .isEqualTo("2 error(s): spec.a: bad; spec.b: worse");
    assertThat(s.conditions())
        .extracting(PoolCondition::status)
        .containsExactly("False", "Unknown", "Unknown", "Unknown");
    assertThat(s.whitelistCidrs()).isNull();
  }

  @Test
  void aFailureBeforeAnyPlanNamesTheCodeAndTheNodePoolWhenItFailed() {
    FixedCidrPoolStatus s =
        PoolStatuses.failed(
            2L,
            new Failure(ConditionReason.CLOUD_ERROR, "ErrorQueryNodePool", "query failed", true),
            null,
            NOW);
    assertThat(s.condition(ConditionType.READY).message())
        .isEqualTo("ErrorQueryNodePool: query failed");
    assertThat(s.condition(ConditionType.NODE_POOL_SYNCED).status()).isEqualTo("False");
    assertThat(s.condition(ConditionType.NODE_POOL_SYNCED).reason()).isEqualTo("CloudError");
    assertThat(s.condition(ConditionType.CAPACITY_SUFFICIENT).status()).isEqualTo("Unknown");

    FixedCidrPoolStatus vpc =
        PoolStatuses.failed(
            2L,
            new Failure(ConditionReason.CLOUD_ERROR, "Forbidden.RAM", "no permission", false),
            null,
            NOW);
    assertThat(vpc.condition(ConditionType.NODE_POOL_SYNCED).status()).isEqualTo("Unknown");
    assertThat(vpc.condition(ConditionType.NODE_POOL_SYNCED).message())
        .isEqualTo("not observed: Forbidden.RAM");
  }
}
