package io.netplane.config.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placement-relevant keys of an effective {@code eni_conf} (base, or base merged with a node's
 * {@code terway-config} override).
 *
 * @param name the ConfigMap it came from ({@code eni-config} or the override's name)
 * @param maxEni null when unset
 * @param problem why Terway refuses to load it (naming the field), or null when it loads
 */
public record EniConfig(
    String name,
    Map<String, List<String>> vSwitches,
    List<String> securityGroups,
    SelectionPolicy selectionPolicy,
    boolean trunking,
    Set<String> statefulWorkloadKinds,
    Integer maxEni,
    double eniCapRatio,
    int eniCapShift,
    String ipStack,
    String problem) {

  public EniConfig {
    vSwitches = Map.copyOf(vSwitches);
    securityGroups = List.copyOf(securityGroups);
    statefulWorkloadKinds = Set.copyOf(statefulWorkloadKinds);
  }

  /** Terway loads it; otherwise nodes using it get no pod IPs at all. */
  public boolean loadable() {
    return problem == null;
  }

  /** The vSwitches of a zone, in configured order; empty when the zone has no entry. */
  public List<String> vSwitchesIn(String zone) {
    List<String> ids = zone == null ? null : vSwitches.get(zone);
    return ids == null ? List.of() : ids;
  }
}
