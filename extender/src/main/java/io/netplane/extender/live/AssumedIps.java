package io.netplane.extender.live;

import io.netplane.config.ledger.PodReservations;
import io.netplane.config.ledger.PodReservations.Reservation;
import io.netplane.config.model.PodView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * IPs held for pods that passed the filter but whose binding no snapshot shows yet. kube-scheduler
 * starts the next pod before the last binding reaches the watch, so without this a burst would see
 * the same free IPs over and over.
 *
 * <p>Holds are only for real pods: one per pod uid, for the full {@code ttl} only when the pod
 * informer knows the pod as pending. A filter call for a pod the informer has not seen (yet) holds
 * for {@code grace} only, unless the pod shows up meanwhile, so made-up pods cannot keep IPs from
 * real ones. A hold ends when a snapshot shows the pod bound, when the pod is deleted, or when it
 * expires (the pod was not scheduled after all).
 *
 * <p>kube-scheduler retries waiting pods when it sees a binding, but not when a pod it never bound
 * is deleted or a hold expires: such ends are passed to {@code freed}, so the pods that waited on
 * those IPs can be retried.
 *
 * <p>The bookkeeping is a {@link PodReservations} ledger; this class decides, from the pod informer
 * and the clock, how long each reservation lasts and whom to tell when one is released.
 */
final class AssumedIps {
  private final Clock clock;
  private final Duration ttl;
  private final Duration grace;
  private final Function<String, PodView> informed;
  private final PodReservations holds = new PodReservations();
  private final Consumer<Set<String>> freed;
  private final AtomicLong freedCount = new AtomicLong();

  /**
   * @param informed the pod informer's view of a pod by {@code namespace/name}, or null
   * @param freed told the vSwitches of each hold that ends without a binding; called on the thread
   *     that ended it, so it must return quickly
   */
  AssumedIps(
      Clock clock,
      Duration ttl,
      Duration grace,
      Function<String, PodView> informed,
      Consumer<Set<String>> freed) {
    this.clock = clock;
    this.ttl = ttl;
    this.grace = grace;
    this.informed = informed;
    this.freed = freed;
  }

  /** Replaces the pod's hold (a pod filtered again needs only its latest one). */
  void hold(PodView pod, Set<String> vSwitches) {
    String key = key(pod);
    if (vSwitches.isEmpty()) {
      tell(holds.release(key));
      return;
    }
    switch (standing(pod)) {
      case PENDING ->
          tell(holds.reserve(key, new Reservation(vSwitches, clock.instant().plus(ttl), true)));
      case UNSEEN -> {
        tell(holds.reserve(key, new Reservation(vSwitches, clock.instant().plus(grace), false)));
        // the informer may have added the pod between the look-up and the reservation
        if (standing(pod) == Standing.PENDING) {
          seen(pod);
        }
      }
      // bound or finished: a snapshot counts it, or it needs no IP
      case SETTLED -> holds.release(key);
    }
  }

  /**
   * The informer saw the pod: a hold taken before it did lasts the full ttl while it is pending.
   */
  void seen(PodView pod) {
    if (pod.nodeName() != null || pod.finished()) {
      return;
    }
    holds.confirm(key(pod), clock.instant().plus(ttl));
  }

  /** The pod is gone: nothing will ever bind it. */
  void deleted(PodView pod) {
    tell(holds.release(key(pod)));
  }

  /** Tells {@code freed} the vSwitches a hold released without a binding, if any. */
  private void tell(Set<String> released) {
    if (!released.isEmpty()) {
      freedCount.incrementAndGet();
      freed.accept(released);
    }
  }

  /**
   * Counts the holds ended without a binding: a caller reading it twice learns whether one ended
   * between.
   */
  long freedCount() {
    return freedCount.get();
  }

  /** IPs held for every pod but this one, by vSwitch. */
  Map<String, Long> heldForOthers(PodView pod) {
    return holds.reservedExcept(key(pod), clock.instant());
  }

  /** IPs held, by vSwitch. */
  Map<String, Long> held() {
    return holds.reservedExcept(null, clock.instant());
  }

  /** Ends the holds of pods a snapshot now shows bound: the snapshot counts them itself. */
  void release(Predicate<String> boundInSnapshot) {
    holds.releaseIf(boundInSnapshot);
  }

  /** Ends the holds whose pods were not scheduled in time after all. */
  void expire() {
    holds.expire(clock.instant()).forEach(this::tell);
  }

  /**
   * Ends every hold (a leader's term began or ended); returns how many there were. Like any end
   * without a binding, it is passed to {@code freed}, so the pods they kept out are retried.
   */
  int clear() {
    List<Set<String>> released = holds.releaseAll();
    released.forEach(this::tell);
    return released.size();
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
