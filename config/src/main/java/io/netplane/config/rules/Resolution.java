package io.netplane.config.rules;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which network applies to a pod, and why.
 *
 * @param networks empty for {@link Kind#UNMANAGED}, {@link Kind#DEFAULT} and {@link Kind#INVALID}
 * @param conflicts other PodNetworkings that also matched the pod (selector matching only)
 * @param invalid why the pod can be placed nowhere ({@link Kind#INVALID} only)
 */
public record Resolution(
    Kind kind, String why, List<Network> networks, List<String> conflicts, Reason invalid) {

  public Resolution {
    networks = List.copyOf(networks);
    conflicts = List.copyOf(conflicts);
  }

  static Resolution unmanaged(String why) {
    return new Resolution(Kind.UNMANAGED, why, List.of(), List.of(), null);
  }

  static Resolution defaultNetwork(String why) {
    return new Resolution(Kind.DEFAULT, why, List.of(), List.of(), null);
  }

  static Resolution invalid(Reason reason) {
    return new Resolution(Kind.INVALID, reason.message(), List.of(), List.of(), reason);
  }

  /** How the network was chosen, in Terway's precedence order. */
  public enum Kind {
    /** hostNetwork or {@code ignore-by-terway}: no network constraint. */
    UNMANAGED,
    /** {@code k8s.aliyun.com/pod-networks}. */
    POD_NETWORKS,
    /** {@code k8s.aliyun.com/pod-networks-request}. */
    POD_NETWORKS_REQUEST,
    /** {@code k8s.aliyun.com/pod-networking}. */
    POD_NETWORKING,
    /** A PodNetworking's selectors matched. */
    SELECTOR,
    /** The node's effective eni-config. */
    DEFAULT,
    /** The pod cannot get an IP anywhere. */
    INVALID
  }

  /** Draws from PodNetworking-style networks (not the node's eni-config). */
  public boolean usesNetworks() {
    return !networks.isEmpty();
  }

  /**
   * Zones every network can serve: the intersection over networks whose zones are completely known;
   * null when none is (no constraint can be derived).
   */
  public Set<String> allowedZones() {
    Set<String> zones = null;
    for (Network n : networks) {
      if (!n.zonesComplete()) {
        continue;
      }
      if (zones == null) {
        zones = new TreeSet<>(n.zones());
      } else {
        zones.retainAll(n.zones());
      }
    }
    return zones == null ? null : Set.copyOf(zones);
  }

  /** Some network has a vSwitch of unknown zone. */
  public boolean zonesUncertain() {
    return networks.stream().anyMatch(n -> !n.zonesComplete());
  }

  /** Any network allocates fixed IPs. */
  public boolean fixed() {
    return networks.stream().anyMatch(n -> n.spec().allocation().fixed());
  }
}
