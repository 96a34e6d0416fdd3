package io.netplane.extender.live;

import io.netplane.config.model.PodView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * IPs held for pods that passed the filter but whose binding no snapshot shows yet. kube-scheduler
 * starts the next pod before the last binding reaches the watch, so without this a burst would
 * see the same free IPs over and over. A hold ends when a snapshot shows the pod bound, or after
 * {@code ttl} (the pod was not scheduled after all, or was deleted).
 */
final class AssumedIps {
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();

  private record Hold(Set<String> vSwitches, Instant expires) {}

  AssumedIps(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Replaces the pod's hold (a pod filtered again needs only its latest one). */
  void hold(PodView pod, Set<String> vSwitches) {
    if (vSwitches.isEmpty()) {
      holds.remove(key(pod));
    } else {
      holds.put(key(pod), new Hold(vSwitches, clock.instant().plus(ttl)));
    }
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

  int size() {
    return holds.size();
  }

  /** The uid kube-scheduler sends; namespace/name when a caller left it out. */
  static String key(PodView pod) {
    return pod.uid().isEmpty() ? pod.key() : pod.uid();
  }
}
