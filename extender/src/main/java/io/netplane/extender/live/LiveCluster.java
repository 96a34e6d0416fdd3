package io.netplane.extender.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netplane.config.cloud.CloudInventory;
import io.netplane.config.concurrent.DaemonThreads;
import io.netplane.config.kube.EniConfigs;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.ReasonId;
import io.netplane.extender.server.Decided;
import io.netplane.extender.server.DeciderSlot;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.wire.ServedSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live snapshot source: informers turn Nodes, Namespaces, Pods, kube-system ConfigMaps,
 * PodNetworkings and PodENIs into slim views at event time; a single rebuild thread cuts a new
 * snapshot and decider when something changed, at most once per {@code rebuildInterval}. Requests
 * only read the latest decider. Installs nothing into the cluster.
 */
public final class LiveCluster implements DeciderSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCluster.class);

  public static final ResourceDefinitionContext POD_NETWORKINGS =
      new ResourceDefinitionContext.Builder()
          .withGroup("network.alibabacloud.com")
          .withVersion("v1beta1")
          .withKind("PodNetworking")
          .withPlural("podnetworkings")
          .withNamespaced(false)
          .build();
  public static final ResourceDefinitionContext POD_ENIS =
      new ResourceDefinitionContext.Builder()
          .withGroup("network.alibabacloud.com")
          .withVersion("v1beta1")
          .withKind("PodENI")
          .withPlural("podenis")
          .withNamespaced(true)
          .build();

  private static final Duration MAX_SNAPSHOT_AGE = Duration.ofSeconds(30);

  /** Longer than a binding takes to show up, short enough not to starve a zone for long. */
  private static final Duration ASSUMPTION_TTL = Duration.ofSeconds(30);

  /** How long a filter call may hold IPs for a pod the informer has not seen yet. */
  private static final Duration UNSEEN_POD_GRACE = Duration.ofSeconds(2);

  /**
   * Pods waiting on other pods' holds that are tracked for a prompt retry; more wait for
   * kube-scheduler's flush.
   */
  private static final int MAX_WAITING_PODS = 10_000;

  /** Waiting pods retried per ended hold, those waiting longest first. */
  private static final int RETRIES_PER_FREED_HOLD = 100;

  /** kube-scheduler retries every unschedulable pod after 5 minutes by itself. */
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final Inventory inventory;
  private final Clock clock;
  private final DecisionOptions options;
  private final Duration rebuildInterval;
  private final ClusterViews views;
  private final CloudRefresher refresher;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final List<Runnable> primers = new ArrayList<>();
  private boolean primed;
  private final ScheduledExecutorService rebuilder =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("netplane-snapshot"));
  private final AssumedIps assumed;
  private final WaitingPods waiting;
  private final PodRequeuer requeuer;
  private final DeciderSlot slot;
  private boolean refresherStarted;
  private volatile long builtViews = -1;
  private volatile long builtInventory = -1;
  private volatile Instant lastWatching;
  private volatile boolean servesInventory;

  /** A live cluster over a fixed inventory (e.g. replayed cloud responses). */
  public LiveCluster(
      KubernetesClient client,
      Inventory inventory,
      Clock clock,
      DecisionOptions options,
      Duration rebuildInterval) {
    this(client, new ClusterViews(), inventory, null, clock, options, rebuildInterval);
  }

  /**
   * A live cluster whose inventory comes from the cloud: the vSwitches and instance types the
   * watched objects reference, first fetched once the informers have synced.
   */
  public static LiveCluster withCloud(
      KubernetesClient client,
      CloudInventory cloud,
      String vpcId,
      CloudRefresher.Timing timing,
      Clock clock,
      DecisionOptions options,
      Duration rebuildInterval) {
    ClusterViews views = new ClusterViews();
    CloudRefresher refresher = new CloudRefresher(cloud, vpcId, views::wanted, clock, timing);
    return new LiveCluster(client, views, refresher, refresher, clock, options, rebuildInterval);
  }

  private LiveCluster(
      KubernetesClient client,
      ClusterViews views,
      Inventory inventory,
      CloudRefresher refresher,
      Clock clock,
      DecisionOptions options,
      Duration rebuildInterval) {
    this.client = client;
    this.views = views;
    this.refresher = refresher;
    this.serialization = client.getKubernetesSerialization();
    this.inventory = inventory;
    this.clock = clock;
    this.options = options;
    this.rebuildInterval = rebuildInterval;
    this.waiting = new WaitingPods(clock, MAX_WAITING_PODS, MAX_WAIT);
    this.requeuer =
        new PodRequeuer(client, clock, views.pods::get, waiting, RETRIES_PER_FREED_HOLD);
    this.assumed =
        new AssumedIps(clock, ASSUMPTION_TTL, UNSEEN_POD_GRACE, views.pods::get, requeuer::freed);
    this.slot = new DeciderSlot(new Holds());
  }

  /** The filter holds as the decider slot reads and ends them. */
  private final class Holds implements DeciderSlot.Holds {
    @Override
    public Map<String, Long> heldForOthers(PodView pod) {
      return assumed.heldForOthers(pod);
    }

    @Override
    public void endBound(ClusterSnapshot snapshot) {
      Set<String> bound = new HashSet<>();
      snapshot
          .pods()
          .forEach(
              p -> {
                if (p.nodeName() != null) {
                  bound.add(AssumedIps.key(p));
                }
              });
      assumed.release(bound::contains);
    }
  }

  /** Starts the informers and the rebuild loop; returns at once. */
  public void start() {
    inform(
        client.nodes().runnableInformer(0),
        Node.class,
        n -> n.getMetadata().getName(),
        (key, json) -> views.put(views.nodes, key, KubeObjects.node(json)),
        key -> views.remove(views.nodes, key));
    inform(
        client.namespaces().runnableInformer(0),
        Namespace.class,
        n -> n.getMetadata().getName(),
        (key, json) -> views.put(views.namespaces, key, KubeObjects.namespace(json)),
        key -> views.remove(views.namespaces, key));
    inform(
        client.pods().inAnyNamespace().runnableInformer(0),
        Pod.class,
        LiveCluster::namespacedKey,
        this::onPod,
        this::onPodDeleted);
    inform(
        client.configMaps().inNamespace("kube-system").runnableInformer(0),
        ConfigMap.class,
        c -> c.getMetadata().getName(),
        this::onConfigMap,
        key -> views.remove(views.eniConfs, key));
    inform(
        client.genericKubernetesResources(POD_NETWORKINGS).runnableInformer(0),
        GenericKubernetesResource.class,
        r -> r.getMetadata().getName(),
        (key, json) -> views.put(views.podNetworkings, key, KubeObjects.podNetworking(json)),
        key -> views.remove(views.podNetworkings, key));
    inform(
        client.genericKubernetesResources(POD_ENIS).inAnyNamespace().runnableInformer(0),
        GenericKubernetesResource.class,
        LiveCluster::namespacedKey,
        (key, json) -> views.put(views.podEnis, key, KubeObjects.podEni(json)),
        key -> views.remove(views.podEnis, key));
    long millis = Math.max(1, rebuildInterval.toMillis());
    rebuilder.scheduleWithFixedDelay(this::rebuildIfChanged, 0, millis, TimeUnit.MILLISECONDS);
  }

  private <T extends HasMetadata> void inform(
      SharedIndexInformer<T> informer,
      Class<T> type,
      Function<T, String> key,
      BiConsumer<String, JsonNode> upsert,
      Consumer<String> remove) {
    // Informers must always retry: a watch error is logged, never fatal.
    informer.exceptionHandler(
        (started, t) -> {
          LOG.warn("{} informer error, retrying: {}", type.getSimpleName(), t.toString());
          return true;
        });
    // Handlers are called asynchronously, possibly after hasSynced(): the first snapshot is cut
    // only once the views were also filled from the synced store, so readiness never comes with
    // half the pods (and half the reservation ledger) missing.
    primers.add(
        () ->
            informer
                .getStore()
                .list()
                .forEach(
                    obj ->
                        upsert.accept(
                            key.apply(obj), serialization.convertValue(obj, JsonNode.class))));
    informer.addEventHandler(
        new ResourceEventHandler<T>() {
          @Override
          public void onAdd(T obj) {
            upsert.accept(key.apply(obj), serialization.convertValue(obj, JsonNode.class));
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            onAdd(newObj);
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            remove.accept(key.apply(obj));
          }
        });
    informers.add(informer);
    informer.start();
  }

  private void onPod(String key, JsonNode json) {
    PodView pod = KubeObjects.pod(json);
    views.putPod(key, pod, clock.instant());
    assumed.seen(pod);
    if (pod.nodeName() != null || pod.finished()) {
      waiting.forget(pod);
    }
  }

  private void onPodDeleted(String key) {
    PodView gone = views.pods.get(key);
    views.removePod(key);
    if (gone != null) {
      waiting.forget(gone);
      assumed.deleted(gone);
    }
  }

  /**
   * Every kube-system ConfigMap is kept: one without {@code eni_conf} is an override that changes
   * nothing, and a malformed one makes only the nodes using it unschedulable.
   */
  private void onConfigMap(String name, JsonNode json) {
    EniConfigs.Source conf =
        EniConfigs.read("kube-system/" + name, json.path("data").path("eni_conf"));
    if (conf.problem() != null) {
      LOG.error(
          "ConfigMap kube-system/{}: {}; nodes using it get no pod IPs", name, conf.problem());
    }
    views.put(views.eniConfs, name, conf);
  }

  private static String namespacedKey(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private void rebuildIfChanged() {
    try {
      if (!informersSynced()) {
        return;
      }
      if (informers.stream().allMatch(SharedIndexInformer::isWatching)) {
        lastWatching = clock.instant();
      }
      if (!primed) {
        primers.forEach(Runnable::run);
        primed = true;
      }
      assumed.expire();
      if (refresher != null && !refresherStarted) {
        // only now do the watched objects say which vSwitches and instance types matter
        refresherStarted = true;
        refresher.start();
      }
      if (!inventory.loaded() && !failsOpen()) {
        return;
      }
      boolean withInventory = inventory.loaded();
      long viewsGeneration = views.generation();
      long inventoryGeneration = inventory.generation();
      Instant at = clock.instant();
      Decider last = current();
      // Fixed-IP TTLs expire with time alone, so an unchanged snapshot is still re-cut when old.
      boolean fresh =
          last != null
              && viewsGeneration == builtViews
              && inventoryGeneration == builtInventory
              && Duration.between(last.snapshot().takenAt(), at).compareTo(MAX_SNAPSHOT_AGE) < 0;
      if (fresh) {
        return;
      }
      if (refresher != null && viewsGeneration != builtViews) {
        refresher.fetchIfMissing();
      }
      // the new snapshot counts bound pods itself: the slot ends their holds once it serves it
      slot.publish(new Decider(views.snapshot(at, inventory), options, last));
      servesInventory = withInventory;
      builtViews = viewsGeneration;
      builtInventory = inventoryGeneration;
    } catch (RuntimeException e) {
      LOG.error("snapshot rebuild failed; serving the previous one", e);
    }
  }

  private boolean informersSynced() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** The decider requests are served from now; null before the first snapshot. */
  public Decider current() {
    ServedSnapshot served = slot.served();
    return served == null ? null : served.decider();
  }

  @Override
  public ServedSnapshot served() {
    return slot.served();
  }

  @Override
  public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
    return slot.decide(pod, nodes, purpose);
  }

  /**
   * Holds what the decision claims for the pod. A real pending pod rejected everywhere while
   * others' holds were counted is recorded as waiting on them, so that it is retried when one ends
   * without a binding.
   */
  @Override
  public Decided filter(PodView pod, Collection<String> nodes) {
    long freedBefore = assumed.freedCount();
    Decided decided = slot.decide(pod, nodes, Purpose.FILTER);
    Decision d = decided.decision();
    Map<String, Long> held = decided.held();
    assumed.hold(d.pod(), d.claims());
    if (!waitsOnHolds(d, held)) {
      waiting.forget(pod);
      return decided;
    }
    waiting.add(pod, held.keySet());
    if (assumed.freedCount() != freedBefore) {
      // a hold ended while this pod was decided, possibly before it was recorded as waiting
      requeuer.freed(held.keySet());
    }
    return decided;
  }

  private boolean waitsOnHolds(Decision d, Map<String, Long> held) {
    if (held.isEmpty() || d.fitCount() > 0 || d.rejectedBy(ReasonId.VSWITCHES_EXHAUSTED) == 0) {
      return false;
    }
    PodView known = views.pods.get(d.pod().key());
    return known != null
        && known.uid().equals(d.pod().uid())
        && known.nodeName() == null
        && !known.finished();
  }

  @Override
  public boolean ready() {
    return slot.served() != null && (servesInventory || failsOpen()) && informersSynced();
  }

  /** The served snapshot holds cloud data (loaded at least once, possibly stale by now). */
  public boolean servesInventory() {
    return servesInventory;
  }

  /**
   * Unknown capacity passes, so cloud data is not needed to serve: a replica started during a cloud
   * outage serves (each node so passed gets a CapacityUnknown note) instead of staying unready
   * until the cloud returns.
   */
  private boolean failsOpen() {
    return options.unknownCapacity() == DecisionOptions.UnknownCapacity.ALLOW;
  }

  /** The cloud refresher, when the inventory comes from the cloud; null otherwise. */
  public CloudRefresher refresher() {
    return refresher;
  }

  /** What the cloud inventory must cover, from the watched objects. */
  public CloudRefresher.Wanted wanted() {
    return views.wanted();
  }

  /** IPs held for pods that passed the filter and are not bound in a snapshot yet, by vSwitch. */
  public Map<String, Long> heldIps() {
    return assumed.held();
  }

  /** Pods holding IPs they passed the filter for, not yet bound in a snapshot. */
  public int holds() {
    return assumed.size();
  }

  /**
   * Pending pods rejected while others' holds were counted, to be retried when one ends unbound.
   */
  public int podsWaitingOnHolds() {
    return waiting.size();
  }

  /** Pods marked for a retry by kube-scheduler (ok), and marks that failed. */
  public long podRetries(boolean ok) {
    return ok ? requeuer.requeued() : requeuer.failed();
  }

  /**
   * Ends every IP hold, for a replica that starts or stops leading: the holds of another term are
   * not this one's to keep (the other leader's filter calls never reached this replica). Returns
   * how many there were.
   */
  public int dropHolds() {
    return assumed.clear();
  }

  /**
   * How old what the informers show may be: zero while every watch is open, else the time since
   * they last all were; null before they first synced.
   */
  public Duration clusterDataAge() {
    Instant at = lastWatching;
    return at == null ? null : Duration.between(at, clock.instant());
  }

  /** Age of the served snapshot, for readiness and metrics; null before the first one. */
  public Duration snapshotAge() {
    Decider d = current();
    return d == null ? null : Duration.between(d.snapshot().takenAt(), clock.instant());
  }

  @Override
  public void close() {
    rebuilder.shutdownNow();
    requeuer.close();
    if (refresher != null) {
      refresher.close();
    }
    informers.forEach(SharedIndexInformer::close);
  }
}
