package io.netplane.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.agent.cli.PoolDocuments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pools a Node or ConfigMap event concerns. */
class WatchedPoolTest {
  static JsonNode doc(String yaml) {
    return PoolDocuments.parse("test", yaml).get(0);
  }

  static final WatchedPool BY_ID =
      WatchedPool.of(
          doc(
              """
      apiVersion: netplane.io/v1alpha1
      kind: FixedCidrPool
      metadata: {name: db}
      spec: {nodePool: {id: np1}, podVSwitchIds: [vsw-h], expectedPods: 10}
      """));
  static final WatchedPool CREATED =
      WatchedPool.of(
          doc(
              """
      apiVersion: netplane.io/v1alpha1
      kind: FixedCidrPool
      metadata: {name: reports}
      spec:
        nodePool: {create: {name: reports, instanceTypes: [ecs.g7.xlarge], desiredSize: 1, vSwitchIds: [vsw-n]}}
        podVSwitchIds: [vsw-r]
        expectedPods: 10
        configMapName: eni-config-rep
      status: {nodePoolId: np-created}
      """));
  static final WatchedPool SELECTED =
      WatchedPool.of(
          doc(
              """
      apiVersion: netplane.io/v1alpha1
      kind: FixedCidrPool
      metadata: {name: batch}
      spec: {nodePool: {nodeSelector: {role: batch}}, podVSwitchIds: [vsw-b], expectedPods: 10}
      """));
  static final List<WatchedPool> ALL = List.of(BY_ID, CREATED, SELECTED);

  @Test
  void anInvalidPoolIsNotWatched() {
    assertThat(
            WatchedPool.of(
                doc(
                    """
        apiVersion: netplane.io/v1alpha1
        kind: FixedCidrPool
        metadata: {name: bad}
        spec: {nodePool: {id: np1}, podVSwitchIds: [], expectedPods: 0}
        """)))
        .isNull();
  }

  @Test
  void aNodeConcernsThePoolsItIsAMemberOfOrOwnedBy() {
    assertThat(WatchedPool.ofNode(ALL, Map.of("alibabacloud.com/nodepool-id", "np1"), Map.of()))
        .containsExactly("db");
    assertThat(
            WatchedPool.ofNode(ALL, Map.of("alibabacloud.com/nodepool-id", "np-created"), Map.of()))
        .as("a created node pool, known from the status")
        .containsExactly("reports");
    assertThat(WatchedPool.ofNode(ALL, Map.of("role", "batch"), Map.of())).containsExactly("batch");
    assertThat(
            WatchedPool.ofNode(ALL, Map.of("role", "web"), Map.of("netplane.io/owner-pool", "db")))
        .as("a former member, to clean up")
        .containsExactly("db");
    assertThat(WatchedPool.ofNode(ALL, Map.of("role", "web"), Map.of())).isEmpty();
  }

  @Test
  void aConfigMapConcernsThePoolItOverridesAndTheBaseEveryPool() {
    assertThat(WatchedPool.ofConfigMap(ALL, "eni-config-db")).containsExactly("db");
    assertThat(WatchedPool.ofConfigMap(ALL, "eni-config-rep")).containsExactly("reports");
    assertThat(WatchedPool.ofConfigMap(ALL, "eni-config"))
        .containsExactly("batch", "db", "reports");
    assertThat(WatchedPool.ofConfigMap(ALL, "coredns")).isEmpty();
  }
}
