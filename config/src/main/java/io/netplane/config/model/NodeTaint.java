package io.netplane.config.model;

import java.util.Objects;

/**
 * A Kubernetes taint as ACK stores it in a node pool's {@code kubernetes_config}.
 *
 * @param key taint key
 * @param value taint value, may be empty
 * @param effect NoSchedule, PreferNoSchedule or NoExecute
 */
public record NodeTaint(String key, String value, String effect) {
  public NodeTaint {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
    Objects.requireNonNull(effect, "effect");
  }
}
