package io.netplane.agent.plan;

import io.netplane.config.cloud.NodeTaint;
import io.netplane.config.model.NodeView;
import java.util.List;
import java.util.Map;

/**
 * A Node as observed: the shared view plus what the agent writes (annotations, taints) and the
 * resourceVersion its patches are conditional on.
 */
public record ObservedNode(
    NodeView view, Map<String, String> annotations, List<NodeTaint> taints, String resourceVersion) {

  public ObservedNode {
    annotations = annotations == null ? Map.of() : withoutNulls(annotations);
    taints = taints == null ? List.of() : List.copyOf(taints);
  }

  private static Map<String, String> withoutNulls(Map<String, String> m) {
    Map<String, String> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> {
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
