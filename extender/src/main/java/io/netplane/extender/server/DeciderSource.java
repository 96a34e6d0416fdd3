package io.netplane.extender.server;

import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Purpose;
import java.util.Collection;
import java.util.Map;

/** Where requests get the current decision core; each request takes it once. */
public interface DeciderSource {
  /** The current decider; only called when {@link #ready()}. */
  Decider current();

  /** Data is loaded and synced: requests can be answered. */
  boolean ready();

  /**
   * Why requests cannot be answered now, in one line (the 503's reason); null when {@link
   * #ready()}.
   */
  default String unavailable() {
    return ready() ? null : "not ready: cluster data not loaded yet";
  }

  /** IPs held for other pods that passed the filter but are not bound in the snapshot yet. */
  default Map<String, Long> assumedFor(PodView pod) {
    return Map.of();
  }

  /**
   * Decides with the IP holds read before the decider. A rebuild publishes its decider before it
   * ends the holds of the pods it shows bound, so this order may count such a pod twice (stricter)
   * but never misses it; the other order would let a burst overshoot a vSwitch.
   */
  default Decision decide(PodView pod, Collection<String> nodes, Purpose purpose) {
    Map<String, Long> assumed = assumedFor(pod);
    return current().decide(pod, nodes, purpose, assumed);
  }

  /**
   * Decides a {@code /filter} call. A live source also holds the IPs the decision claims for the
   * pod until its binding shows; a fixed snapshot never sees bindings, so it holds none.
   */
  default Decision filter(PodView pod, Collection<String> nodes) {
    return decide(pod, nodes, Purpose.FILTER);
  }

  /** A fixed snapshot, loaded before the server starts. */
  static DeciderSource fixed(Decider decider) {
    return new DeciderSource() {
      @Override
      public Decider current() {
        return decider;
      }

      @Override
      public boolean ready() {
        return true;
      }
    };
  }
}
