package io.netplane.agent.plan;

import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.NodeView;
import java.util.List;
import java.util.Map;

/**
 * A Node as observed: the shared view plus what the agent writes (annotations, taints) and the
 * resourceVersion its patches are conditional on.
 *
 * @param taintsAdded each taint's {@code timeAdded}, by {@code key=value:Effect}; a taint list
 *     written back keeps them (NoExecute tolerationSeconds count from it)
 */
public record ObservedNode(
    NodeView view,
    Map<String, String> annotations,
    List<NodeTaint> taints,
    String resourceVersion,
    Map<String, String> taintsAdded) {

  public ObservedNode {
    annotations = annotations == null ? Map.of() : withoutNulls(annotations);
    taints = taints == null ? List.of() : List.copyOf(taints);
    taintsAdded = taintsAdded == null ? Map.of() : withoutNulls(taintsAdded);
  }

  /** A node whose taints carry no {@code timeAdded}. */
  public ObservedNode(
      NodeView view,
      Map<String, String> annotations,
      List<NodeTaint> taints,
      String resourceVersion) {
    this(view, annotations, taints, resourceVersion, Map.of());
  }

  /** When {@code t} was added, as observed, or null. */
  public String timeAdded(NodeTaint t) {
    return taintsAdded.get(taintId(t));
  }

  /** The key {@link #taintsAdded} is indexed by. */
  public static String taintId(NodeTaint t) {
    return Taints.format(t);
  }

  private static Map<String, String> withoutNulls(Map<String, String> m) {
    Map<String, String> out = new java.util.TreeMap<>();
    m.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return java.util.Collections.unmodifiableMap(out);
  }

  public String name() {
    return view.name();
  }

  public Map<String, String> labels() {
    return view.labels();
  }
}
