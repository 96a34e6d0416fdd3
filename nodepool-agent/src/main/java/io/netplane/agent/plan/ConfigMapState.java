package io.netplane.agent.plan;

import java.util.Map;

/** A kube-system ConfigMap as observed. */
public record ConfigMapState(
    String name,
    Map<String, String> data,
    Map<String, String> labels,
    Map<String, String> annotations,
    String resourceVersion) {

  public ConfigMapState {
    data = data == null ? Map.of() : Map.copyOf(data);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String annotation(String key) {
    return annotations.get(key);
  }
}
