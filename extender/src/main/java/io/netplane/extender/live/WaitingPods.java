package io.netplane.extender.live;

import io.netplane.config.model.PodView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending pods the filter rejected everywhere while IPs were held for other pods on their
 * vSwitches. When such a hold ends without a binding, nothing tells kube-scheduler to retry them:
 * these are the pods to retry.
 *
 * <p>Bounded: past {@code capacity} pods, further ones are not recorded (they are retried by
 * kube-scheduler's own periodic flush), and a pod is forgotten after {@code maxWait}.
 */
final class WaitingPods {
  /** A pod to retry, by namespace and name, and the vSwitches whose holds kept it out. */
  record Waiting(String namespace, String name, String uid, Set<String> vSwitches, Instant since) {}

  private final Clock clock;
  private final int capacity;
  private final Duration maxWait;
  private final Map<String, Waiting> pods = new ConcurrentHashMap<>();

  WaitingPods(Clock clock, int capacity, Duration maxWait) {
    this.clock = clock;
    this.capacity = capacity;
    this.maxWait = maxWait;
  }

  /** Records that the pod waits for IPs now held on these vSwitches; a later call replaces it. */
  void add(PodView pod, Set<String> heldOn) {
    String key = AssumedIps.key(pod);
    if (pods.size() >= capacity && !pods.containsKey(key)) {
      dropOlderThan(clock.instant().minus(maxWait));
      if (pods.size() >= capacity) {
        return;
      }
    }
    pods.put(
        key,
        new Waiting(pod.namespace(), pod.name(), pod.uid(), Set.copyOf(heldOn), clock.instant()));
  }

  /** The pod was bound, deleted or passed a filter: it waits no more. */
  void forget(PodView pod) {
    pods.remove(AssumedIps.key(pod));
  }

  /**
   * Takes out the pods that waited longest on any of these vSwitches, at most {@code limit}: a
   * retry costs kube-scheduler a scheduling cycle and the API server a write, and an ended hold
   * frees one IP per vSwitch.
   */
  List<Waiting> takeWaitingOn(Set<String> freed, int limit) {
    if (pods.isEmpty()) {
      return List.of();
    }
    dropOlderThan(clock.instant().minus(maxWait));
    List<Map.Entry<String, Waiting>> candidates = new ArrayList<>();
    pods.entrySet()
        .forEach(
            e -> {
              if (!Collections.disjoint(e.getValue().vSwitches(), freed)) {
                candidates.add(Map.entry(e.getKey(), e.getValue()));
              }
            });
    candidates.sort(Comparator.comparing(e -> e.getValue().since()));
    List<Waiting> due = new ArrayList<>();
    for (Map.Entry<String, Waiting> e : candidates) {
      if (due.size() == limit) {
        break;
      }
      if (pods.remove(e.getKey(), e.getValue())) {
        due.add(e.getValue());
      }
    }
    return due;
  }

  /** kube-scheduler's periodic flush has retried these by now. */
  private void dropOlderThan(Instant oldest) {
    pods.values().removeIf(w -> w.since().isBefore(oldest));
  }

  int size() {
    return pods.size();
  }
}
