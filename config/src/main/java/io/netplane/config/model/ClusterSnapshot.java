package io.netplane.config.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the decision core knows about the cluster and the cloud at one instant. Immutable;
 * taken once per request.
 *
 * @param takenAt the instant TTLs are evaluated against
 * @param baseConfig {@code kube-system/eni-config}, or null when the cluster has none
 * @param overrideConfigs effective configs (base merged with the override) by ConfigMap name
 */
public record ClusterSnapshot(
    Instant takenAt,
    Map<String, NodeView> nodes,
    Map<String, NamespaceView> namespaces,
    List<PodView> pods,
    List<PodNetworking> podNetworkings,
    Map<String, PodEni> podEnis,
    Map<String, VSwitch> vSwitches,
    Map<String, InstanceType> instanceTypes,
    EniConfig baseConfig,
    Map<String, EniConfig> overrideConfigs) {

  /** PodNetworkings in the order netplane resolves ties: oldest first, then by name. */
  public static final Comparator<PodNetworking> RESOLUTION_ORDER =
      Comparator.comparing(PodNetworking::created, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(PodNetworking::name);

  public ClusterSnapshot {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    namespaces = Map.copyOf(namespaces);
    pods = List.copyOf(pods);
    podNetworkings = podNetworkings.stream().sorted(RESOLUTION_ORDER).toList();
    podEnis = Map.copyOf(podEnis);
    vSwitches = Map.copyOf(vSwitches);
    instanceTypes = Map.copyOf(instanceTypes);
    overrideConfigs = Map.copyOf(overrideConfigs);
  }

  /** Builds the keyed maps from plain lists. */
  public static ClusterSnapshot of(
      Instant takenAt,
      List<NodeView> nodes,
      List<NamespaceView> namespaces,
      List<PodView> pods,
      List<PodNetworking> podNetworkings,
      List<PodEni> podEnis,
      List<VSwitch> vSwitches,
      List<InstanceType> instanceTypes,
      EniConfig baseConfig,
      List<EniConfig> overrideConfigs) {
    return new ClusterSnapshot(
        takenAt,
        byKey(nodes, NodeView::name),
        byKey(namespaces, NamespaceView::name),
        pods,
        podNetworkings,
        byKey(podEnis, e -> e.namespace() + "/" + e.name()),
        byKey(vSwitches, VSwitch::id),
        byKey(instanceTypes, InstanceType::id),
        baseConfig,
        byKey(overrideConfigs, EniConfig::name));
  }

  private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    return items.stream()
        .collect(Collectors.toMap(key, Function.identity(), (a, b) -> b, LinkedHashMap::new));
  }

  public PodNetworking podNetworking(String name) {
    for (PodNetworking pn : podNetworkings) {
      if (pn.name().equals(name)) {
        return pn;
      }
    }
    return null;
  }

  public PodView pod(String namespace, String name) {
    for (PodView p : pods) {
      if (p.namespace().equals(namespace) && p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
