package io.netplane.agent.plan;

import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.model.FixedCidrPoolSpec;
import io.netplane.agent.model.NodePoolCreate;
import io.netplane.config.model.NodeTaint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated pool with its defaults filled in: what the planner works from.
 *
 * @param nodePoolId the existing ACK node pool, or null
 * @param create the ACK node pool to create, or null
 * @param nodeSelector the selector for non-ACK nodes, or null
 * @param securityGroupIds null when the pool keeps the base eni-config's
 * @param extraLabels the spec's extra node labels
 * @param adoptConfigMap whether an existing ConfigMap netplane did not create may be taken over
 */
public record ResolvedPool(
    String name,
    Long generation,
    String nodePoolId,
    NodePoolCreate create,
    Map<String, String> nodeSelector,
    List<String> podVSwitchIds,
    List<String> securityGroupIds,
    String configMapName,
    NodeTaint taint,
    Map<String, String> extraLabels,
    int expectedPods,
    boolean adoptConfigMap) {

  public ResolvedPool {
    podVSwitchIds = List.copyOf(podVSwitchIds);
    securityGroupIds = securityGroupIds == null ? null : List.copyOf(securityGroupIds);
    extraLabels = Collections.unmodifiableSortedMap(new TreeMap<>(extraLabels));
    nodeSelector = nodeSelector == null ? null : Map.copyOf(nodeSelector);
  }

  /** A pool that never adopts an existing ConfigMap. */
  public ResolvedPool(
      String name,
      Long generation,
      String nodePoolId,
      NodePoolCreate create,
      Map<String, String> nodeSelector,
      List<String> podVSwitchIds,
      List<String> securityGroupIds,
      String configMapName,
      NodeTaint taint,
      Map<String, String> extraLabels,
      int expectedPods) {
    this(
        name,
        generation,
        nodePoolId,
        create,
        nodeSelector,
        podVSwitchIds,
        securityGroupIds,
        configMapName,
        taint,
        extraLabels,
        expectedPods,
        false);
  }

  /** Fills in the defaults of a validated pool. */
  public static ResolvedPool of(FixedCidrPool pool) {
    FixedCidrPoolSpec s = pool.spec();
    String name = pool.name();
    return new ResolvedPool(
        name,
        pool.metadata().generation(),
        s.nodePool().id(),
        s.nodePool().create(),
        s.nodePool().nodeSelector(),
        s.podVSwitchIds(),
        s.securityGroupIds(),
        s.configMapName() != null ? s.configMapName() : "eni-config-" + name,
        s.taint() != null ? s.taint() : new NodeTaint(PoolLabels.POOL, name, "NoSchedule"),
        s.labels() == null ? Map.of() : s.labels(),
        s.expectedPods(),
        Boolean.TRUE.equals(s.adoptConfigMap()));
  }

  /** Every label a configured node carries: terway-config, the pool label and the extras. */
  public SortedMap<String, String> nodeLabels() {
    SortedMap<String, String> all = new TreeMap<>(extraLabels);
    all.put(PoolLabels.TERWAY_CONFIG, configMapName);
    all.put(PoolLabels.POOL, name);
    return all;
  }

  /** Whether the nodes come from an ACK node pool (existing or created). */
  public boolean ackManaged() {
    return nodeSelector == null;
  }
}
