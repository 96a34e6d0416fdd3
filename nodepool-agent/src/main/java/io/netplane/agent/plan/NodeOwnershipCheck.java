package io.netplane.agent.plan;

import io.netplane.config.model.NodeTaint;
import java.util.ArrayList;
import java.util.List;

/**
 * A member node's labels and taint that someone else set are never overwritten: a node another pool
 * configured, a label the pool wants with another value, or a taint in the pool taint's slot (key
 * and effect) with another value, that this pool did not set, blocks the apply.
 */
final class NodeOwnershipCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (ObservedNode n : ctx.members) {
      String owner = n.annotations().get(PoolLabels.OWNER);
      if (owner != null && !owner.equals(ctx.pool.name())) {
        out.add(
            new Finding(
                FindingId.NODE_OWNED_BY_OTHER_POOL,
                n.name(),
                "configured by pool "
                    + owner
                    + "; a node belongs to one pool: change one pool's nodes"));
        continue;
      }
      var owned = ctx.ownedLabels(n);
      ctx.desiredLabels(n)
          .forEach(
              (k, v) -> {
                String present = n.labels().get(k);
                if (present != null && !present.equals(v) && !owned.contains(k)) {
                  out.add(
                      new Finding(
                          FindingId.NODE_LABEL_NOT_OWNED,
                          n.name(),
                          "label "
                              + k
                              + "="
                              + present
                              + " was not set by netplane (the pool wants "
                              + v
                              + "); remove it or change the pool"));
                }
              });
      NodeTaint wanted = ctx.pool.taint();
      NodeTaint mine = ctx.ownedTaint(n);
      for (NodeTaint t : n.taints()) {
        if (Taints.sameSlot(t, wanted)
            && !t.equals(wanted)
            && (mine == null || !Taints.sameSlot(t, mine))) {
          out.add(
              new Finding(
                  FindingId.NODE_TAINT_NOT_OWNED,
                  n.name(),
                  "taint "
                      + Taints.format(t)
                      + " was not set by netplane (the pool wants "
                      + Taints.format(wanted)
                      + "); remove it or change the pool's taint"));
        }
      }
    }
    return out;
  }
}
