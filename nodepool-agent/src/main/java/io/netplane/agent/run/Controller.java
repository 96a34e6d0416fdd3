package io.netplane.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.config.concurrent.DaemonThreads;
import io.netplane.config.lease.LeadershipLost;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.lease.LeaseFence;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} controller. Every replica watches FixedCidrPools, Nodes, Pods (indexed by node)
 * and kube-system ConfigMaps and serves its probes; the one holding the Lease reconciles: every
 * pool when it starts leading and every {@code resync}, a pool whose spec changed or that is being
 * deleted, and a pool an event concerns (a member node joining or losing a label or the taint, its
 * override ConfigMap edited or deleted, the base eni-config changed). Pools go through a
 * de-duplicating {@link WorkQueue}; a failed one comes back with exponential backoff.
 *
 * <p>A reconcile reads Kubernetes from the informers. An informer whose list or watch fails (the
 * API server down, the CRD not installed yet) retries with backoff instead of stopping, so the
 * replica becomes ready once the API server answers. Every write passes the {@link LeaseFence}:
 * once the lease may have passed to another replica, the reconcile in hand stops before its next
 * write and the process stands for election again.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  /** Pools reconciled at once; node patches within one pool are parallel already. */
  static final int WORKERS = 2;

  /** A pool due before the informers have listed everything waits this long. */
  static final Duration UNSYNCED_RETRY = Duration.ofSeconds(1);

  /**
   * @param identity this replica's name in the Lease
   * @param requeue backoff of a failed pool
   * @param health where {@code /healthz}, {@code /readyz} and {@code /metrics} are served
   */
  public record Settings(
      String leaseName,
      String leaseNamespace,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      Duration resync,
      Backoff requeue,
      InetSocketAddress health) {}

  private final KubernetesClient client;
  private final Settings settings;
  private final PoolApplier applier;
  private final Clock clock;
  private final LeaseElection election;
  private final LeaseFence fence;
  private final WorkQueue queue;
  private final AgentMetrics metrics;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService resync;
  private SharedIndexInformer<GenericKubernetesResource> poolInformer;
  private PoolReconciler reconciler;
  private HealthServer health;

  public Controller(KubernetesClient client, PoolApplier applier, Settings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.applier = applier;
    this.clock = clock;
    this.election =
        new LeaseElection(
            client,
            new LeaseElection.Settings(
                settings.leaseName(),
                settings.leaseNamespace(),
                settings.identity(),
                settings.leaseDuration(),
                settings.renewDeadline(),
                settings.retryPeriod()),
            this::startLeading,
            this::stopLeading,
            leader -> {
              // a Lease that names nobody (released, or before the first election) is no news
              if (leader != null) {
                LOG.info("leader is now {}", leader);
              }
            });
    this.fence = election.fence();
    this.queue = new WorkQueue(settings.requeue());
    this.metrics = new AgentMetrics(queue::depth, () -> leading() ? 1 : 0, this::storedPools);
    this.workers = Executors.newFixedThreadPool(WORKERS, DaemonThreads.named("netplane-reconcile"));
    this.resync =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("netplane-resync"));
  }

  /** Starts the informers, the probes and the election; returns at once. */
  public void start() {
    poolInformer =
        inform(
            client.genericKubernetesResources(FixedCidrPools.CONTEXT).runnableInformer(0),
            "FixedCidrPools",
            (old, now) -> {
              // status writes do not bump the generation: only spec changes and deletions reconcile
              if (old == null
                  || !Objects.equals(
                      old.getMetadata().getGeneration(), now.getMetadata().getGeneration())
                  || !Objects.equals(
                      old.getMetadata().getDeletionTimestamp(),
                      now.getMetadata().getDeletionTimestamp())) {
                enqueue(Set.of(now.getMetadata().getName()));
              }
            });
    SharedIndexInformer<Node> nodes =
        inform(
            client.nodes().runnableInformer(0),
            "Nodes",
            (old, now) -> {
              if (old == null || nodeChanged(old, now)) {
                List<WatchedPool> watched = watched();
                Set<String> pools =
                    new TreeSet<>(WatchedPool.ofNode(watched, labels(now), annotations(now)));
                if (old != null) {
                  pools.addAll(WatchedPool.ofNode(watched, labels(old), annotations(old)));
                }
                enqueue(pools);
              }
            });
    SharedIndexInformer<ConfigMap> configMaps =
        inform(
            client.configMaps().inNamespace(PoolLabels.NAMESPACE).runnableInformer(0),
            "kube-system ConfigMaps",
            (old, now) -> {
              if (old == null
                  || !Objects.equals(old.getData(), now.getData())
                  || !Objects.equals(
                      old.getMetadata().getAnnotations(), now.getMetadata().getAnnotations())) {
                enqueue(WatchedPool.ofConfigMap(watched(), now.getMetadata().getName()));
              }
            });
    // pods only answer the recycle check (which nodes had ENIs before the override): no events
    SharedIndexInformer<Pod> pods =
        retrying(client.pods().inAnyNamespace().runnableInformer(0), "Pods");
    pods.addIndexers(Map.of(InformerReads.BY_NODE, InformerReads::nodeOf));
    KubeCluster kube = new KubeCluster(client);
    reconciler =
        new PoolReconciler(
            applier.cachedBy(new InformerReads(kube, nodes, configMaps, pods)),
            new FixedCidrPools(client),
            new PoolEvents(client, settings.identity(), clock, fence::check),
            fence::check,
            clock);
    informers.forEach(SharedIndexInformer::start);
    health = new HealthServer(settings.health(), this::ready, metrics::scrape);
    for (int i = 0; i < WORKERS; i++) {
      workers.submit(this::work);
    }
    long every = settings.resync().toMillis();
    resync.scheduleAtFixedRate(this::enqueueAll, every, every, TimeUnit.MILLISECONDS);
    election.start();
    LOG.info(
        "started as {}: lease {}/{}, probes and metrics on port {}",
        settings.identity(),
        settings.leaseNamespace(),
        settings.leaseName(),
        health.port());
  }

  /** Whether every informer has listed its objects (leader or standby). */
  public boolean ready() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** Whether this replica leads and may write (its last lease renewal is recent enough). */
  public boolean leading() {
    return election.leading();
  }

  /** The port the probes are served on. */
  public int healthPort() {
    return health.port();
  }

  AgentMetrics metrics() {
    return metrics;
  }

  /**
   * Keeps an informer going whatever its list or watch meets: since fabric8 6.2 an informer whose
   * first list fails stops for good unless told to retry, and the replica would never be ready. It
   * retries with fabric8's backoff (1 s doubling); each failure is logged.
   */
  private <T extends HasMetadata> SharedIndexInformer<T> retrying(
      SharedIndexInformer<T> informer, String what) {
    informer.exceptionHandler(
        (started, t) -> {
          LOG.warn(
              "{} informer: {} failed: {}; retrying",
              what,
              started ? "watch" : "first list",
              t.toString());
          return true;
        });
    informers.add(informer);
    return informer;
  }

  /**
   * Registers a handler on a {@link #retrying} informer: {@code changed} gets (null, object) for an
   * addition, (old, new) for an update and (null, last state) for a deletion.
   */
  private <T extends HasMetadata> SharedIndexInformer<T> inform(
      SharedIndexInformer<T> informer, String what, BiConsumer<T, T> changed) {
    retrying(informer, what)
        .addEventHandler(
            new ResourceEventHandler<T>() {
              @Override
              public void onAdd(T obj) {
                changed.accept(null, obj);
              }

              @Override
              public void onUpdate(T old, T now) {
                changed.accept(old, now);
              }

              @Override
              public void onDelete(T obj, boolean finalStateUnknown) {
                changed.accept(null, obj);
              }
            });
    return informer;
  }

  private void startLeading() {
    LOG.info("{} leads: reconciling every pool", settings.identity());
    enqueueAll();
  }

  private void stopLeading() {
    LOG.info("{} stopped leading", settings.identity());
    queue.clear();
  }

  private void work() {
    try {
      for (String name = queue.take(); name != null; name = queue.take()) {
        try {
          if (election.elected()) {
            reconcile(name);
          }
        } finally {
          queue.done(name);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reconcile(String name) {
    if (!ready()) {
      // an empty cache would look like a cluster without nodes
      queue.addAfter(name, UNSYNCED_RETRY);
      return;
    }
    if (!fence.valid()) {
      // leading, but the last renewal is too old to write: wait for the next one (or the loss)
      queue.addAfter(name, settings.retryPeriod());
      return;
    }
    GenericKubernetesResource stored = poolInformer.getStore().getByKey(name);
    if (stored == null) {
      queue.forget(name);
      return;
    }
    long t0 = System.nanoTime();
    Outcome outcome;
    try {
      outcome = reconciler.reconcile(json(stored));
    } catch (LeadershipLost e) {
      LOG.warn("[{}] {}", name, e.getMessage());
      outcome = Outcome.ABANDONED;
    } catch (RuntimeException e) {
      // the reconciler reports its own errors; this keeps the worker alive whatever else throws
      LOG.error("[{}] reconcile failed", name, e);
      outcome = Outcome.FAILED;
    }
    metrics.reconciled(outcome, Duration.ofNanos(System.nanoTime() - t0));
    if (outcome == Outcome.FAILED || outcome == Outcome.ABANDONED && election.elected()) {
      // still leading after an abandoned reconcile: a renewal was late, not lost
      LOG.info("[{}] retrying in {}", name, queue.addRateLimited(name));
    } else {
      queue.forget(name);
    }
  }

  private void enqueue(Collection<String> names) {
    if (election.elected()) {
      names.forEach(queue::add);
    }
  }

  private void enqueueAll() {
    if (poolInformer != null) {
      enqueue(poolInformer.getStore().list().stream().map(r -> r.getMetadata().getName()).toList());
    }
  }

  /** Every pool of the store, valid or not; none before the informer exists. */
  private List<JsonNode> storedPools() {
    SharedIndexInformer<GenericKubernetesResource> informer = poolInformer;
    return informer == null
        ? List.of()
        : informer.getStore().list().stream().map(this::json).toList();
  }

  /** The valid pools of the store. */
  private List<WatchedPool> watched() {
    return poolInformer.getStore().list().stream()
        .map(r -> WatchedPool.of(json(r)))
        .filter(Objects::nonNull)
        .toList();
  }

  private JsonNode json(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, JsonNode.class);
  }

  /** Only what the agent sets or selects on: status heartbeats do not reconcile. */
  static boolean nodeChanged(Node old, Node now) {
    return !Objects.equals(labels(old), labels(now))
        || !Objects.equals(annotations(old), annotations(now))
        || !Objects.equals(taints(old), taints(now));
  }

  private static Map<String, String> labels(HasMetadata o) {
    return orEmpty(o.getMetadata().getLabels());
  }

  private static Map<String, String> annotations(HasMetadata o) {
    return orEmpty(o.getMetadata().getAnnotations());
  }

  private static Object taints(Node n) {
    return n.getSpec() == null ? null : n.getSpec().getTaints();
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  /**
   * Stops reconciling (a reconcile in progress finishes), then hands the lease over, so that the
   * next leader never writes at the same time; then stops the informers and the probes.
   */
  @Override
  public void close() {
    election.resign();
    resync.shutdownNow();
    queue.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    election.close();
    informers.forEach(SharedIndexInformer::close);
    if (health != null) {
      health.close();
    }
    LOG.info("{} stopped", settings.identity());
  }
}
