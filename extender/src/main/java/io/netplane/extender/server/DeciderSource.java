package io.netplane.extender.server;

import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.wire.ServedSnapshot;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * Where requests get the served snapshot and their decisions; the order of holds and snapshot is
 * {@link DeciderSlot}'s.
 */
public interface DeciderSource {
  /** The served snapshot; only called when {@link #ready()}. */
  ServedSnapshot served();

  /** Data is loaded and synced: requests can be answered. */
  boolean ready();

  /**
   * Why requests cannot be answered now, in one line (the 503's reason); null when {@link
   * #ready()}.
   */
  default String unavailable() {
    return ready() ? null : "not ready: cluster data not loaded yet";
  }

  /** Decides with the IPs held for other pods; only called when {@link #ready()}. */
  Decided decide(PodView pod, Collection<String> nodes, Purpose purpose);

  /**
   * Decides a {@code /filter} call. A live source also holds the IPs the decision claims for the
   * pod until its binding shows; a fixed snapshot never sees bindings, so it holds none.
   */
  default Decided filter(PodView pod, Collection<String> nodes) {
    return decide(pod, nodes, Purpose.FILTER);
  }

  /** A fixed snapshot, loaded before the server starts. */
  static DeciderSource fixed(Decider decider) {
    DeciderSlot slot = new DeciderSlot(DeciderSlot.Holds.NONE);
    slot.publish(decider);
    return of(slot, () -> true);
  }

  /** Serves what is published in {@code slot}, while {@code ready} says so. */
  static DeciderSource of(DeciderSlot slot, BooleanSupplier ready) {
    return new DeciderSource() {
      @Override
      public ServedSnapshot served() {
        return slot.served();
      }

      @Override
      public boolean ready() {
        return ready.getAsBoolean();
      }

      @Override
      public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
        return slot.decide(pod, nodes, purpose);
      }
    };
  }
}
