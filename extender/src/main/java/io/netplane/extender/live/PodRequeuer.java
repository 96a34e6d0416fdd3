package io.netplane.extender.live;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netplane.config.concurrent.DaemonThreads;
import io.netplane.config.model.PodView;
import io.netplane.extender.live.WaitingPods.Waiting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has kube-scheduler retry waiting pods now. With its queueing hints (on by default since
 * Kubernetes 1.32), any update of a pending pod that no scheduler plugin rejected (an extender's
 * rejection names none) moves it from the unschedulable pool to the queue, after its backoff. The
 * update is a condition in the pod's status, {@value #CONDITION}, patched through the status
 * subresource: it changes nothing about the pod and says in {@code kubectl describe} why it was
 * retried.
 */
final class PodRequeuer implements AutoCloseable {
  static final String CONDITION = "netplane.io/IPHoldReleased";
  private static final Logger LOG = LoggerFactory.getLogger(PodRequeuer.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final KubernetesSerialization json;
  private final Clock clock;
  private final Function<String, PodView> informed;
  private final WaitingPods waiting;
  private final int perFreedHold;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(DaemonThreads.named("netplane-requeue"));
  private final AtomicLong requeued = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Instant lastWarning = Instant.MIN;

  /**
   * @param informed the pod informer's view of a pod by {@code namespace/name}, or null
   * @param perFreedHold waiting pods marked per ended hold, those waiting longest first
   */
  PodRequeuer(
      KubernetesClient client,
      Clock clock,
      Function<String, PodView> informed,
      WaitingPods waiting,
      int perFreedHold) {
    this.client = client;
    this.json = client.getKubernetesSerialization();
    this.clock = clock;
    this.informed = informed;
    this.waiting = waiting;
    this.perFreedHold = perFreedHold;
  }

  /**
   * A hold on these vSwitches ended without a binding: marks the pods that waited on them, each
   * only while the informer shows it pending. Returns at once: finding the pods and writing run on
   * this requeuer's own thread, never on the event loop that ended the hold.
   */
  void freed(Set<String> vSwitches) {
    try {
      writer.execute(() -> waiting.takeWaitingOn(vSwitches, perFreedHold).forEach(this::mark));
    } catch (RejectedExecutionException stopping) {
      // closed: the pods are retried by kube-scheduler's own periodic flush
    }
  }

  private void mark(Waiting pod) {
    PodView now = informed.apply(pod.namespace() + "/" + pod.name());
    if (now == null || !now.uid().equals(pod.uid()) || now.nodeName() != null || now.finished()) {
      return;
    }
    try {
      client
          .pods()
          .inNamespace(pod.namespace())
          .withName(pod.name())
          .subresource("status")
          .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch(pod));
      requeued.incrementAndGet();
      LOG.debug(
          "pod {}/{} retried: IPs held on {} were released",
          pod.namespace(),
          pod.name(),
          pod.vSwitches());
    } catch (KubernetesClientException e) {
      failed.incrementAndGet();
      Instant at = clock.instant();
      if (Duration.between(lastWarning, at).compareTo(WARN_EVERY) >= 0) {
        lastWarning = at;
        LOG.warn(
            "cannot mark pod {}/{} for a retry (HTTP {}: {}); such pods wait for kube-scheduler's next"
                + " retry (needs pods/status patch)",
            pod.namespace(),
            pod.name(),
            e.getCode(),
            e.getMessage());
      }
    }
  }

  private String patch(Waiting pod) {
    // a new time each call, so the patch is a real update even when the condition is already there
    String at = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> condition =
        Map.of(
            "type",
            CONDITION,
            "status",
            "True",
            "reason",
            "IPHoldReleased",
            "message",
            "IPs held for a pod that was not scheduled were released on "
                + String.join(", ", new TreeSet<>(pod.vSwitches()))
                + "; kube-scheduler retries this pod",
            "lastProbeTime",
            at,
            "lastTransitionTime",
            at);
    return json.asJson(Map.of("status", Map.of("conditions", List.of(condition))));
  }

  /** Pods marked for a retry. */
  long requeued() {
    return requeued.get();
  }

  /** Marks that failed (e.g. no RBAC permission, or the API server down). */
  long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    writer.shutdownNow();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
