package io.netplane.config.model;

import java.time.Instant;
import java.util.List;

/**
 * A Terway {@code PodNetworking} (cluster-scoped).
 *
 * @param podSelector null when absent (no constraint)
 * @param namespaceSelector null when absent (no constraint)
 * @param statusVSwitches {@code status.vSwitches}: what Terway's controller resolved, zones
 *     included
 */
public record PodNetworking(
    String name,
    Instant created,
    NetworkSpec spec,
    LabelSelector podSelector,
    LabelSelector namespaceSelector,
    boolean ready,
    String statusMessage,
    List<VSwitchRef> statusVSwitches) {

  public PodNetworking {
    statusVSwitches = List.copyOf(statusVSwitches);
  }

  /** Neither selector set: usable only through {@code pod-networks-request}. */
  public boolean selectorless() {
    return podSelector == null && namespaceSelector == null;
  }

  /** A vSwitch id with its zone, as in {@code status.vSwitches}. */
  public record VSwitchRef(String id, String zone) {}
}
