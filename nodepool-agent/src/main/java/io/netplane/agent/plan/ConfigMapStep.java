package io.netplane.agent.plan;

import java.util.Map;

/**
 * Create, update or delete the pool's override ConfigMap in kube-system. Only the {@code eni_conf}
 * data key and the agent's own labels and annotations are written; other data keys stay.
 *
 * @param eniConf the new {@code eni_conf}, null for DELETE
 * @param previousEniConf what it was, null when the ConfigMap or key did not exist
 * @param resourceVersion the observed version the write is conditional on; null for CREATE
 */
public record ConfigMapStep(
    Action action,
    String name,
    String eniConf,
    String previousEniConf,
    Map<String, String> labels,
    Map<String, String> annotations,
    String resourceVersion) {

  /** What happens to the ConfigMap. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    /** Gives an adopted ConfigMap back: writes {@code eniConf}, removes netplane's annotations. */
    RELEASE
  }

  public ConfigMapStep {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
