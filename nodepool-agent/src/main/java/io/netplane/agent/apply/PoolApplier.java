package io.netplane.agent.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.kube.KubeReads;
import io.netplane.agent.model.ConditionReason;
import io.netplane.agent.plan.Failure;
import io.netplane.agent.plan.NodePoolStep;
import io.netplane.agent.plan.NodeStep;
import io.netplane.agent.plan.Observed;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.Planner;
import io.netplane.agent.plan.PoolStatuses;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.cloud.CloudException;
import io.netplane.config.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a pool to its spec: observe, plan, write the steps (override ConfigMap first, so no node
 * ever points at a missing one; then the node pool, so new nodes register configured; then the
 * nodes), and plan again until nothing is left. Every step is idempotent and the plan comes from a
 * fresh observation each pass, so a crash at any point is resumed by running again, and a 409
 * (someone else wrote in between) just starts the next pass.
 */
public final class PoolApplier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoolApplier.class);
  static final int MAX_PASSES = 6;

  private final KubeCluster kube;
  private final Cloud cloud;
  private final ClusterObserver observer;
  private final Backoff backoff;
  private final ExecutorService nodeWriters;

  /** Where the first observation of an apply reads Kubernetes. */
  private final KubeReads firstReads;

  public PoolApplier(
      KubeCluster kube, Cloud cloud, ClusterObserver observer, Backoff backoff, int parallelism) {
    this(
        kube,
        cloud,
        observer,
        backoff,
        Executors.newFixedThreadPool(parallelism, DaemonThreads.named("netplane-node-writer")),
        kube);
  }

  private PoolApplier(
      KubeCluster kube,
      Cloud cloud,
      ClusterObserver observer,
      Backoff backoff,
      ExecutorService nodeWriters,
      KubeReads firstReads) {
    this.kube = kube;
    this.cloud = cloud;
    this.observer = observer;
    this.backoff = backoff;
    this.nodeWriters = nodeWriters;
    this.firstReads = firstReads;
  }

  /**
   * This applier with the first observation of each apply read from {@code cache} (the controller's
   * informers): a pool with nothing to do costs no Kubernetes read. After a write or a conflict the
   * cache may lag behind, so later passes read the API server, as a delete always does (a node
   * missing from a stale cache would keep the pool's marks). Shares the node writers: close one of
   * the two.
   */
  public PoolApplier cachedBy(KubeReads cache) {
    return new PoolApplier(kube, cloud, observer, backoff, nodeWriters, cache);
  }

  public ClusterObserver observer() {
    return observer;
  }

  /** Observes and plans without writing, telling {@code listener} about each call. */
  public Plan plan(ResolvedPool pool, ApplyListener listener) {
    return Planner.plan(pool, observer.observe(pool, kube, listener));
  }

  public ApplyResult apply(ResolvedPool pool, ApplyListener listener) {
    return converge(pool, Planner::plan, firstReads, listener);
  }

  /** Removes what the pool set (never nodes, never the node pool). */
  public ApplyResult delete(ResolvedPool pool, ApplyListener listener) {
    return converge(pool, Planner::planDelete, kube, listener);
  }

  private ApplyResult converge(
      ResolvedPool pool,
      BiFunction<ResolvedPool, Observed, Plan> planner,
      KubeReads firstReads,
      ApplyListener listener) {
    int steps = 0;
    Plan plan = null;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      Observed observed;
      try {
        observed = observer.observe(pool, pass == 1 ? firstReads : kube, listener);
        plan = planner.apply(pool, observed);
      } catch (CloudException e) {
        return new ApplyResult(plan, pass, steps, cloudFailure(e));
      }
      listener.planned(plan, pass);
      if (plan.blocked()) {
        LOG.warn(
            "[{}] blocked, nothing applied: {}", pool.name(), PoolStatuses.blockedMessage(plan));
      }
      if (plan.blocked() || !plan.hasChanges()) {
        return new ApplyResult(plan, pass, steps, null);
      }
      try {
        steps += execute(plan, observed, listener);
      } catch (KubernetesClientException e) {
        if (!Retry.conflict(e)) {
          return new ApplyResult(
              plan,
              pass,
              steps,
              new Failure(
                  ConditionReason.APPLY_FAILED, "HTTP " + e.getCode(), e.getMessage(), false));
        }
        backoff.pause(pass);
      } catch (CloudException e) {
        return new ApplyResult(plan, pass, steps, cloudFailure(e));
      } catch (RetryPass e) {
        backoff.pause(pass);
      }
    }
    return new ApplyResult(
        plan,
        MAX_PASSES,
        steps,
        new Failure(
            ConditionReason.APPLY_FAILED,
            "Conflict",
            "still conflicting after " + MAX_PASSES + " passes",
            false));
  }

  private int execute(Plan plan, Observed observed, ApplyListener listener) {
    int steps = 0;
    if (plan.configMap() != null) {
      var step = plan.configMap();
      long t0 = System.nanoTime();
      listener.calling(
          step.action().name().toLowerCase() + " ConfigMap kube-system/" + step.name());
      Retry.run(
          backoff,
          "ConfigMap " + step.name(),
          () -> {
            listener.beforeWrite("ConfigMap kube-system/" + step.name());
            kube.write(step);
          });
      listener.stepDone(
          "ConfigMap kube-system/" + step.name() + " " + step.action().name().toLowerCase(),
          since(t0));
      steps++;
    }
    if (plan.nodePool() != null) {
      long t0 = System.nanoTime();
      String what = nodePool(plan.nodePool(), listener);
      listener.stepDone(what, since(t0));
      steps++;
    }
    steps += nodes(plan.nodes(), observed, listener);
    return steps;
  }

  private String nodePool(NodePoolStep step, ApplyListener listener) {
    if (step instanceof NodePoolStep.Create c) {
      // looked up again right before creating: another writer (a previous leader, a CLI run) may
      // have created it since this pass observed
      if (observer.namedNodePool(c.spec().name(), listener) != null) {
        throw new RetryPass();
      }
      listener.calling("CreateClusterNodePool " + c.spec().name());
      listener.beforeWrite("CreateClusterNodePool " + c.spec().name());
      try {
        String id = cloud.nodePools().createNodePool(cloud.clusterId(), c.spec());
        return "NodePool " + c.spec().name() + " created (" + id + ")";
      } catch (CloudException e) {
        if (e.retryable()) {
          // the request may have gone through: look the pool up by name before creating again
          throw new RetryPass();
        }
        throw e;
      }
    }
    NodePoolStep.Modify m = (NodePoolStep.Modify) step;
    listener.calling("ModifyClusterNodePool " + m.nodePoolId());
    Retry.call(
        backoff,
        "ModifyClusterNodePool",
        () -> {
          listener.beforeWrite("ModifyClusterNodePool " + m.nodePoolId());
          return cloud.nodePools().modifyNodePool(cloud.clusterId(), m.nodePoolId(), m.update());
        });
    return "NodePool " + m.nodePoolId() + " modified";
  }

  private int nodes(List<NodeStep> steps, Observed observed, ApplyListener listener) {
    Map<String, ObservedNode> byName = new HashMap<>();
    observed.nodes().forEach(n -> byName.put(n.name(), n));
    if (!steps.isEmpty()) {
      listener.calling("patch " + steps.size() + " node(s)");
    }
    List<Future<?>> futures = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    for (NodeStep s : steps) {
      futures.add(
          nodeWriters.submit(
              () -> {
                long t0 = System.nanoTime();
                Retry.run(
                    backoff,
                    "Node " + s.node(),
                    () -> {
                      listener.beforeWrite("Node " + s.node());
                      kube.write(s, byName.get(s.node()));
                    });
                done.incrementAndGet();
                listener.stepDone("Node " + s.node() + " patched", since(t0));
              }));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(e.getCause());
        // a conflict wins over other errors only when nothing worse happened
        if (first == null || Retry.conflict(first)) {
          first = cause;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return done.get();
  }

  private static Failure cloudFailure(CloudException e) {
    return new Failure(
        ConditionReason.CLOUD_ERROR,
        e.code(),
        e.apiMessage() == null ? e.getMessage() : e.apiMessage(),
        e.action() != null && e.action().contains("NodePool"));
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  @Override
  public void close() {
    nodeWriters.shutdownNow();
  }

  /** Plan again (after a backoff) instead of retrying the same write. */
  static final class RetryPass extends RuntimeException {
    RetryPass() {
      super(null, null, false, false);
    }
  }
}
