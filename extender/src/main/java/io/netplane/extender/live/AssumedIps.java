package io.netplane.extender.live;

import io.netplane.config.model.PodView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * IPs held for pods that passed the filter but whose binding no snapshot shows yet. kube-scheduler
 * starts the next pod before the last binding reaches the watch, so without this a burst would
 * see the same free IPs over and over.
 *
 * <p>Holds are only for real pods: one per pod uid, for the full {@code ttl} only when the pod
 * informer knows the pod as pending. A filter call for a pod the informer has not seen (yet) holds
 * for {@code grace} only, unless the pod shows up meanwhile, so made-up pods cannot keep IPs from
 * real ones. A hold ends when a snapshot shows the pod bound, when the pod is deleted, or when it
 * expires (the pod was not scheduled after all).
 */
final class AssumedIps {
  private final Clock clock;
  private final Duration ttl;
  private final Duration grace;
  private final Function<String, PodView> informed;
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();

  private record Hold(Set<String> vSwitches, Instant expires, boolean confirmed) {}

  /**
   * @param informed the pod informer's view of a pod by {@code namespace/name}, or null
   */
  AssumedIps(Clock clock, Duration ttl, Duration grace, Function<String, PodView> informed) {
    this.clock = clock;
    this.ttl = ttl;
    this.grace = grace;
    this.informed = informed;
  }

  /** Replaces the pod's hold (a pod filtered again needs only its latest one). */
  void hold(PodView pod, Set<String> vSwitches) {
    String key = key(pod);
    if (vSwitches.isEmpty()) {
      holds.remove(key);
      return;
    }
    switch (standing(pod)) {
      case PENDING -> holds.put(key, new Hold(vSwitches, clock.instant().plus(ttl), true));
      case UNSEEN -> {
        holds.put(key, new Hold(vSwitches, clock.instant().plus(grace), false));
        // the informer may have added the pod between the look-up and the put
        if (standing(pod) == Standing.PENDING) {
          seen(pod);
        }
      }
      // bound or finished: a snapshot counts it, or it needs no IP
      case SETTLED -> holds.remove(key);
    }
  }

  /** The informer saw the pod: a hold taken before it did lasts the full ttl while it is pending. */
  void seen(PodView pod) {
    if (pod.nodeName() != null || pod.finished()) {
      return;
    }
    holds.computeIfPresent(
        key(pod),
        (k, h) -> h.confirmed() ? h : new Hold(h.vSwitches(), clock.instant().plus(ttl), true));
  }

  /** The pod is gone: nothing will ever bind it. */
  void deleted(PodView pod) {
    holds.remove(key(pod));
  }

  /** IPs held for every pod but this one, by vSwitch. */
  Map<String, Long> heldForOthers(PodView pod) {
    return held(key(pod));
  }

  /** IPs held, by vSwitch. */
  Map<String, Long> held() {
    return held(null);
  }

  private Map<String, Long> held(String except) {
    if (holds.isEmpty()) {
      return Map.of();
    }
    Instant now = clock.instant();
    Map<String, Long> out = new HashMap<>();
    holds.forEach(
        (k, h) -> {
          if (!k.equals(except) && h.expires().isAfter(now)) {
            h.vSwitches().forEach(v -> out.merge(v, 1L, Long::sum));
          }
        });
    return out;
  }

  /** Ends the holds of pods a snapshot now shows bound, and expired ones. */
  void release(Predicate<String> boundInSnapshot) {
    Instant now = clock.instant();
    holds.entrySet().removeIf(e -> !e.getValue().expires().isAfter(now) || boundInSnapshot.test(e.getKey()));
  }

  /** Ends every hold; returns how many there were. */
  int clear() {
    int n = holds.size();
    holds.clear();
    return n;
  }

  int size() {
    return holds.size();
  }

  private enum Standing {
    PENDING,
    UNSEEN,
    SETTLED
  }

  private Standing standing(PodView pod) {
    PodView known = informed.apply(pod.key());
    // a pod recreated under the same name is another pod until the informer sees it
    if (known == null || (!pod.uid().isEmpty() && !pod.uid().equals(known.uid()))) {
      return Standing.UNSEEN;
    }
    return known.nodeName() == null && !known.finished() ? Standing.PENDING : Standing.SETTLED;
  }

  /** The uid kube-scheduler sends; namespace/name when a caller left it out. */
  static String key(PodView pod) {
    return pod.uid().isEmpty() ? pod.key() : pod.uid();
  }
}
