package io.netplane.config.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The reservations of pods not bound yet, at most one per pod (keyed by its uid or name), each with
 * an expiry. Thread-safe: the filter reserves on request threads while informer events and a
 * snapshot thread release. Every method that releases returns the vSwitches it gave back, so the
 * caller decides whom to tell.
 */
public final class PodReservations {
  private final Map<String, Reservation> byPod = new ConcurrentHashMap<>();

  /**
   * IPs of {@code vSwitches}, one each, set aside for a pod until {@code expires}.
   *
   * @param confirmed the pod is known to exist; an unconfirmed reservation may be {@link #confirm
   *     confirmed} with a later expiry
   */
  public record Reservation(Set<String> vSwitches, Instant expires, boolean confirmed) {
    public Reservation {
      vSwitches = Set.copyOf(vSwitches);
    }
  }

  /**
   * Replaces the pod's reservation (a pod filtered again needs only its latest one); returns what
   * the old one reserved that the new one does not, which is thereby released.
   */
  public Set<String> reserve(String pod, Reservation reservation) {
    return released(byPod.put(pod, reservation), reservation.vSwitches());
  }

  /**
   * Lets the pod's unconfirmed reservation last until {@code expires}; a confirmed one, or none,
   * stays as it is.
   */
  public void confirm(String pod, Instant expires) {
    byPod.computeIfPresent(
        pod, (k, r) -> r.confirmed() ? r : new Reservation(r.vSwitches(), expires, true));
  }

  /** Releases the pod's reservation; returns its vSwitches (empty when it had none). */
  public Set<String> release(String pod) {
    return released(byPod.remove(pod), Set.of());
  }

  /** Releases the reservations of the pods {@code settled} names (such as pods now bound). */
  public void releaseIf(Predicate<String> settled) {
    byPod.keySet().removeIf(settled);
  }

  /**
   * Releases the reservations that expired by {@code now}; returns the vSwitches of each, in no
   * particular order.
   */
  public List<Set<String>> expire(Instant now) {
    List<Set<String>> out = new ArrayList<>(0);
    byPod.forEach(
        (pod, r) -> {
          if (!r.expires().isAfter(now) && byPod.remove(pod, r)) {
            out.add(r.vSwitches());
          }
        });
    return out;
  }

  /** Releases every reservation; returns the vSwitches of each. */
  public List<Set<String>> releaseAll() {
    List<Set<String>> out = new ArrayList<>(0);
    for (Map.Entry<String, Reservation> e : byPod.entrySet()) {
      if (byPod.remove(e.getKey(), e.getValue())) {
        out.add(e.getValue().vSwitches());
      }
    }
    return out;
  }

  /**
   * IPs reserved at {@code now} for every pod but {@code except} (null: for every pod), by vSwitch:
   * a new map, read only. Counted into it straight away (not through an {@link IpLedger} and its
   * copy): every filter asks for it while pods are held.
   */
  public Map<String, Long> reservedExcept(String except, Instant now) {
    if (byPod.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> reserved = new HashMap<>();
    byPod.forEach(
        (pod, r) -> {
          if (!pod.equals(except) && r.expires().isAfter(now)) {
            r.vSwitches().forEach(v -> reserved.merge(v, 1L, Long::sum));
          }
        });
    return Collections.unmodifiableMap(reserved);
  }

  /** How many pods have a reservation, expired ones included until {@link #expire}. */
  public int size() {
    return byPod.size();
  }

  /** What {@code old} reserved that {@code kept} does not; empty, and no copy, when nothing. */
  private static Set<String> released(Reservation old, Set<String> kept) {
    // a pod filtered again usually reserves what it had: nothing allocated on that request path
    if (old == null || kept.containsAll(old.vSwitches())) {
      return Set.of();
    }
    Set<String> released = new HashSet<>(old.vSwitches());
    released.removeAll(kept);
    return released;
  }
}
