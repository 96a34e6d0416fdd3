package io.netplane.agent.apply;

import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.plan.ConfigMapState;
import io.netplane.agent.plan.Observed;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.agent.plan.PoolMembership;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.cloud.CloudException;
import io.netplane.config.cloud.NodePool;
import io.netplane.config.model.Labels;
import io.netplane.config.model.VSwitch;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Takes the planner's {@link Observed} from the API server and the cloud, in one pass. */
public final class ClusterObserver {
  private final KubeCluster kube;
  private final Cloud cloud;
  private final Backoff backoff;
  private final Clock clock;

  public ClusterObserver(KubeCluster kube, Cloud cloud, Backoff backoff, Clock clock) {
    this.kube = kube;
    this.cloud = cloud;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Observes the pool reading Kubernetes from the API server. */
  public Observed observe(ResolvedPool pool) {
    return observe(pool, kube);
  }

  /** Observes the pool reading Kubernetes from {@code reads} (the cloud is always asked). */
  public Observed observe(ResolvedPool pool, KubeReads reads) {
    NodePool nodePool = nodePool(pool);
    String nodePoolId = pool.nodePoolId() != null ? pool.nodePoolId() : nodePool == null ? null : nodePool.id();
    List<ObservedNode> nodes = Retry.call(backoff, "list nodes", reads::nodes);
    // pods matter only on members not yet pointed at the override (the recycle check)
    Set<String> unlabelled = new TreeSet<>();
    for (ObservedNode n : nodes) {
      if (PoolMembership.member(pool, nodePoolId, n.labels())
          && !pool.configMapName().equals(n.labels().get(PoolLabels.TERWAY_CONFIG))
          && !n.annotations().containsKey(PoolLabels.RECYCLE)) {
        unlabelled.add(n.name());
      }
    }
    ConfigMapState base = Retry.call(backoff, "get eni-config", () -> reads.configMap(Labels.BASE_ENI_CONFIG));
    ConfigMapState override = Retry.call(backoff, "get " + pool.configMapName(), () -> reads.configMap(pool.configMapName()));
    return new Observed(base, override, nodes,
        Retry.call(backoff, "list pods", () -> reads.podsOn(unlabelled)),
        nodePool, vSwitches(pool), cloud.vpcId(), clock.instant());
  }

  private NodePool nodePool(ResolvedPool pool) {
    if (!pool.ackManaged()) {
      return null;
    }
    requireCluster();
    if (pool.nodePoolId() != null) {
      try {
        return Retry.call(backoff, "DescribeClusterNodePoolDetail",
            () -> cloud.nodePools().describeNodePool(cloud.clusterId(), pool.nodePoolId()));
      } catch (CloudException e) {
        if (e.httpStatus() == 404) {
          return null;
        }
        throw e;
      }
    }
    return namedNodePool(pool.create().name());
  }

  /**
   * The cluster's node pool of that name, or null. A pool to create is found by name (the
   * Container Service API has no client token): a crash or a lost lease after
   * CreateClusterNodePool creates no twin.
   */
  NodePool namedNodePool(String name) {
    requireCluster();
    return Retry.call(backoff, "DescribeClusterNodePools",
            () -> cloud.nodePools().describeNodePools(cloud.clusterId()))
        .stream().filter(p -> name.equals(p.name())).findFirst().orElse(null);
  }

  private Map<String, VSwitch> vSwitches(ResolvedPool pool) {
    Set<String> ids = new LinkedHashSet<>(pool.podVSwitchIds());
    if (pool.create() != null) {
      ids.addAll(pool.create().vSwitchIds());
    }
    // region-wide (no VPC filter), so a vSwitch of another VPC is reported as such, not as missing
    List<VSwitch> found = Retry.call(backoff, "DescribeVSwitches", () -> cloud.inventory().describeVSwitches(null, ids));
    Map<String, VSwitch> out = new LinkedHashMap<>();
    found.forEach(v -> out.put(v.id(), v));
    return out;
  }

  private void requireCluster() {
    if (cloud.clusterId() == null || cloud.nodePools() == null) {
      throw new IllegalArgumentException("an ACK node pool needs --cluster-id");
    }
  }
}
