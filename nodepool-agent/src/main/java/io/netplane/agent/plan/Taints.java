package io.netplane.agent.plan;

import io.netplane.config.model.NodeTaint;
import java.util.ArrayList;
import java.util.List;

/** Taint helpers; Kubernetes identifies a taint by key and effect. */
final class Taints {
  private Taints() {}

  static String format(NodeTaint t) {
    return t.key() + "=" + t.value() + ":" + t.effect();
  }

  /** Parses {@code key=value:Effect}; null when absent or malformed. */
  static NodeTaint parse(String s) {
    if (s == null) {
      return null;
    }
    int colon = s.lastIndexOf(':');
    int eq = s.indexOf('=');
    if (colon <= 0 || eq <= 0 || eq > colon) {
      return null;
    }
    return new NodeTaint(s.substring(0, eq), s.substring(eq + 1, colon), s.substring(colon + 1));
  }

  static boolean sameSlot(NodeTaint a, NodeTaint b) {
    return a.key().equals(b.key()) && a.effect().equals(b.effect());
  }

  /**
   * {@code current} without {@code remove} (matched by key and effect) and, when {@code add} is not
   * null, with {@code add} in place of any taint in its slot. Others' taints keep their order.
   */
  static List<NodeTaint> replace(List<NodeTaint> current, NodeTaint remove, NodeTaint add) {
    List<NodeTaint> out = new ArrayList<>();
    boolean placed = false;
    for (NodeTaint t : current) {
      if (add != null && sameSlot(t, add)) {
        if (!placed) {
          out.add(add);
          placed = true;
        }
      } else if (remove == null || !sameSlot(t, remove)) {
        out.add(t);
      }
    }
    if (add != null && !placed) {
      out.add(add);
    }
    return out;
  }
}
