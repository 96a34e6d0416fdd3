package io.netplane.extender.server;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.wire.ServedSnapshot;
import java.util.Collection;
import java.util.Map;

/**
 * Where a rebuild publishes a snapshot and requests decide from it, and the one place that keeps
 * the order between a snapshot and the IP holds of pods it does not show bound yet: a rebuild
 * publishes its snapshot before it ends the holds of the pods the snapshot shows bound, and a
 * request reads the holds before the snapshot. A request that falls between the two may count such
 * a pod twice (stricter) but never misses it; either other order would let a burst overshoot a
 * vSwitch.
 */
public final class DeciderSlot {
  /** The IP holds a source keeps for pods that passed the filter and are not bound yet. */
  public interface Holds {
    /** A fixed snapshot never sees bindings, so it holds nothing. */
    Holds NONE =
        new Holds() {
          @Override
          public Map<String, Long> heldForOthers(PodView pod) {
            return Map.of();
          }

          @Override
          public void endBound(ClusterSnapshot snapshot) {}
        };

    /** IPs held for pods other than this one, by vSwitch. */
    Map<String, Long> heldForOthers(PodView pod);

    /** Ends the holds of the pods the snapshot shows bound: it counts their IPs itself. */
    void endBound(ClusterSnapshot snapshot);
  }

  private final Holds holds;
  private volatile ServedSnapshot served;

  public DeciderSlot(Holds holds) {
    this.holds = holds;
  }

  /** Serves the decider (its names encoded for the wire here), then ends the holds it counts. */
  public void publish(Decider next) {
    served = ServedSnapshot.of(next);
    holds.endBound(next.snapshot());
  }

  /** The published snapshot; null before the first. */
  public ServedSnapshot served() {
    return served;
  }

  /** Decides with the holds read before the snapshot; only after the first {@link #publish}. */
  public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
    Map<String, Long> held = holds.heldForOthers(pod);
    ServedSnapshot on = served;
    return new Decided(on.decider().decide(pod, nodes, purpose, held), on, held);
  }
}
