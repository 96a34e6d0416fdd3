package io.netplane.agent.apply;

import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.kube.KubeReads;
import io.netplane.agent.plan.ConfigMapState;
import io.netplane.agent.plan.Observed;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.agent.plan.PoolMembership;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.cloud.CloudException;
import io.netplane.config.model.Labels;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

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

  /**
   * Observes the pool reading Kubernetes from {@code reads} (the API server or the controller's
   * informer caches; the cloud is always asked), telling {@code listener} about each call before it
   * is made.
   */
  public Observed observe(ResolvedPool pool, KubeReads reads, ApplyListener listener) {
    NodePool nodePool = nodePool(pool, listener);
    String nodePoolId =
        pool.nodePoolId() != null ? pool.nodePoolId() : nodePool == null ? null : nodePool.id();
    List<ObservedNode> nodes = call(listener, "list nodes", reads::nodes);
    // pods matter only on members not yet pointed at the override (the recycle check)
    Set<String> unlabelled = new TreeSet<>();
    for (ObservedNode n : nodes) {
      if (PoolMembership.member(pool, nodePoolId, n.labels())
          && !pool.configMapName().equals(n.labels().get(PoolLabels.TERWAY_CONFIG))
          && !n.annotations().containsKey(PoolLabels.RECYCLE)) {
        unlabelled.add(n.name());
      }
    }
    ConfigMapState base =
        call(
            listener,
            "get ConfigMap kube-system/" + Labels.BASE_ENI_CONFIG,
            () -> reads.configMap(Labels.BASE_ENI_CONFIG));
    ConfigMapState override =
        call(
            listener,
            "get ConfigMap kube-system/" + pool.configMapName(),
            () -> reads.configMap(pool.configMapName()));
    List<PodView> pods =
        unlabelled.isEmpty()
            ? List.of()
            : call(
                listener,
                "list pods (" + unlabelled.size() + " node(s) to check for ENIs in use)",
                () -> reads.podsOn(unlabelled));
    return new Observed(
        base,
        override,
        nodes,
        pods,
        nodePool,
        vSwitches(pool, listener),
        cloud.vpcId(),
        clock.instant());
  }

  private <T> T call(ApplyListener listener, String what, Supplier<T> call) {
    listener.calling(what);
    return Retry.call(backoff, what, call);
  }

  private NodePool nodePool(ResolvedPool pool, ApplyListener listener) {
    if (!pool.ackManaged()) {
      return null;
    }
    requireCluster();
    if (pool.nodePoolId() != null) {
      try {
        return call(
            listener,
            "DescribeClusterNodePoolDetail " + pool.nodePoolId(),
            () -> cloud.nodePools().describeNodePool(cloud.clusterId(), pool.nodePoolId()));
      } catch (CloudException e) {
        if (e.httpStatus() == 404) {
          return null;
        }
        throw e;
      }
    }
    return namedNodePool(pool.create().name(), listener);
  }

  /**
   * The cluster's node pool of that name, or null. A pool to create is found by name (the Container
   * Service API has no client token): a crash or a lost lease after CreateClusterNodePool creates
   * no twin.
   */
  NodePool namedNodePool(String name, ApplyListener listener) {
    requireCluster();
    return call(
            listener,
            "DescribeClusterNodePools " + cloud.clusterId(),
            () -> cloud.nodePools().describeNodePools(cloud.clusterId()))
        .stream()
        .filter(p -> name.equals(p.name()))
        .findFirst()
        .orElse(null);
  }

  private Map<String, VSwitch> vSwitches(ResolvedPool pool, ApplyListener listener) {
    Set<String> ids = new LinkedHashSet<>(pool.podVSwitchIds());
    if (pool.create() != null) {
      ids.addAll(pool.create().vSwitchIds());
    }
    // region-wide (no VPC filter), so a vSwitch of another VPC is reported as such, not as missing
    List<VSwitch> found =
        call(
            listener,
            "DescribeVSwitches " + String.join(",", ids),
            () -> cloud.inventory().describeVSwitches(null, ids));
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
