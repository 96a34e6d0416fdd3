package io.netplane.extender.live;

import io.netplane.config.kube.EniConfigs;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slim views of watched objects, updated at event time, from which snapshots are cut. Every
 * change bumps {@link #generation()} so the rebuilder knows there is something new.
 */
final class ClusterViews {
  final Map<String, NodeView> nodes = new ConcurrentHashMap<>();
  final Map<String, NamespaceView> namespaces = new ConcurrentHashMap<>();
  final Map<String, PodView> pods = new ConcurrentHashMap<>();
  final Map<String, PodNetworking> podNetworkings = new ConcurrentHashMap<>();
  final Map<String, PodEni> podEnis = new ConcurrentHashMap<>();

  /** Parsed {@code eni_conf} of kube-system ConfigMaps that have one. */
  final Map<String, EniConfigs.Source> eniConfs = new ConcurrentHashMap<>();

  /** When each pod was first seen with an IP: it got it no later than that. */
  final Map<String, Instant> ipSeen = new ConcurrentHashMap<>();

  private final AtomicLong generation = new AtomicLong();

  <V> void put(Map<String, V> map, String key, V value) {
    map.put(key, value);
    generation.incrementAndGet();
  }

  /** Upserts a pod, noting when it was first seen with an IP. */
  void putPod(String key, PodView pod, Instant now) {
    if (pod.hasIp()) {
      ipSeen.putIfAbsent(key, now);
    } else {
      ipSeen.remove(key);
    }
    put(pods, key, pod);
  }

  void removePod(String key) {
    ipSeen.remove(key);
    remove(pods, key);
  }

  <V> void remove(Map<String, V> map, String key) {
    if (map.remove(key) != null) {
      generation.incrementAndGet();
    }
  }

  long generation() {
    return generation.get();
  }

  /**
   * The vSwitches the cluster references (every eni-config and PodNetworking) and the instance
   * types of its nodes: what the cloud inventory must know.
   */
  CloudRefresher.Wanted wanted() {
    Set<String> vSwitches = new TreeSet<>();
    eniConfs
        .values()
        .forEach(
            conf ->
                conf.conf()
                    .path("vswitches")
                    .forEach(zone -> zone.forEach(id -> vSwitches.add(id.asText()))));
    podNetworkings
        .values()
        .forEach(
            pn -> {
              vSwitches.addAll(pn.spec().vSwitchIds());
              pn.statusVSwitches().forEach(v -> vSwitches.add(v.id()));
            });
    Set<String> types = new TreeSet<>();
    nodes
        .values()
        .forEach(
            n -> {
              if (n.instanceType() != null) {
                types.add(n.instanceType());
              }
            });
    return new CloudRefresher.Wanted(vSwitches, types);
  }

  /**
   * Cuts an immutable snapshot of the views as they are now. Pods seen with their IP only since the
   * cloud data was asked for still count against their vSwitch: the cloud's counts predate them.
   */
  ClusterSnapshot snapshot(Instant takenAt, Inventory inventory) {
    EniConfigs.Effective configs = EniConfigs.effective(Map.copyOf(eniConfs));
    Instant cloudAt = inventory.dataTakenAt();
    List<PodView> podList = new ArrayList<>(pods.size());
    pods.forEach(
        (key, pod) -> {
          Instant seen = cloudAt == null ? null : ipSeen.get(key);
          podList.add(seen != null && !seen.isBefore(cloudAt) ? pod.withIpUnseenByCloud() : pod);
        });
    return ClusterSnapshot.of(
        takenAt,
        new ArrayList<>(nodes.values()),
        new ArrayList<>(namespaces.values()),
        podList,
        new ArrayList<>(podNetworkings.values()),
        new ArrayList<>(podEnis.values()),
        new ArrayList<>(inventory.vSwitches().values()),
        new ArrayList<>(inventory.instanceTypes().values()),
        configs.base(),
        configs.overrides());
  }
}
