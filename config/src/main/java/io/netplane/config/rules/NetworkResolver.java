package io.netplane.config.rules;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.NetworkAnnotations;
import io.netplane.config.model.NetworkSpec;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses a pod's network with the precedence of Terway's pod webhook: explicit {@code
 * pod-networks}, then {@code pod-networks-request}, then {@code pod-networking}, then selector
 * matching, else the default network.
 */
public final class NetworkResolver {
  static final int MAX_ALIKE = 256;
  static final int MAX_ALIKE_CHARS = 4096;
  private final ClusterSnapshot snapshot;
  private final VSwitchZones vSwitchZones;
  private final Map<String, PodNetworking> podNetworkings = new HashMap<>();
  private final Map<String, Network> byPodNetworking = new HashMap<>();
  private final Set<String> statefulKinds;
  private final Inputs inputs;
  private final Map<PodView, Resolution> known;
  private final Map<PodView, Resolution> remembered = new IdentityHashMap<>();
  private final Map<Alike, Resolution> byAlike = new ConcurrentHashMap<>();

  public NetworkResolver(ClusterSnapshot snapshot, VSwitchZones vSwitchZones) {
    this(snapshot, vSwitchZones, null);
  }

  /**
   * A resolver that reuses {@code previous}'s resolutions of unchanged pods (the same view
   * instances) when nothing a resolution depends on has changed: rebuilding over a large cluster
   * then costs lookups, not selector matching.
   */
  public NetworkResolver(
      ClusterSnapshot snapshot, VSwitchZones vSwitchZones, NetworkResolver previous) {
    this.snapshot = snapshot;
    this.vSwitchZones = vSwitchZones;
    for (PodNetworking pn : snapshot.podNetworkings()) {
      podNetworkings.put(pn.name(), pn);
      byPodNetworking.put(pn.name(), networkOf(pn));
    }
    // Terway's webhook reads the base config only, never a node's override.
    EniConfig base = snapshot.baseConfig();
    this.statefulKinds = base == null ? Set.of() : base.statefulWorkloadKinds();
    this.inputs =
        new Inputs(snapshot.podNetworkings(), snapshot.namespaces(), statefulKinds, vSwitchZones);
    this.known =
        previous != null && previous.inputs.equals(inputs) ? previous.remembered : Map.of();
  }

  /** Everything a resolution depends on besides the pod itself. */
  private record Inputs(
      List<PodNetworking> podNetworkings,
      Map<String, NamespaceView> namespaces,
      Set<String> statefulKinds,
      VSwitchZones vSwitchZones) {}

  /**
   * {@link #resolve}, remembered for the next resolver. Only for the snapshot's own pods, from the
   * single thread building a decider: request pods are new instances every time.
   */
  Resolution resolveAndRemember(PodView pod) {
    Resolution r = known.get(pod);
    if (r == null) {
      r = resolve(pod);
    }
    remembered.put(pod, r);
    return r;
  }

  /**
   * The network of a PodNetworking, zones from its status when present, else the inventory; null
   * when there is no such PodNetworking.
   */
  public Network network(String podNetworkingName) {
    return byPodNetworking.get(podNetworkingName);
  }

  /**
   * No owner, or any owner (controller or not) of kind StatefulSet or one listed in {@code
   * custom_stateful_workload_kinds}: Terway's {@code IsFixedNamePod}.
   */
  public boolean fixedName(PodView pod) {
    if (pod.ownerKinds().isEmpty() || pod.ownedBy("StatefulSet")) {
      return true;
    }
    for (String kind : pod.ownerKinds()) {
      if (statefulKinds.contains(kind)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@link #resolve} reads of a pod matched against selectors (no network annotation): pods
   * equal in it get equal resolutions.
   */
  private record Alike(
      String namespace, Map<String, String> labels, List<String> ownerKinds, boolean hostNetwork) {

    /**
     * Null for a pod that names its networks (resolved without matching selectors, at no cost worth
     * keeping) or whose labels and owners weigh more than {@link #MAX_ALIKE_CHARS}: a request's pod
     * is anybody's, and what is kept must stay small.
     */
    static Alike of(PodView pod) {
      if (!NetworkAnnotations.NONE.equals(pod.networkAnnotations())) {
        return null;
      }
      long chars = pod.namespace() == null ? 0 : pod.namespace().length();
      for (Map.Entry<String, String> label : pod.labels().entrySet()) {
        chars += label.getKey().length() + label.getValue().length();
      }
      for (String kind : pod.ownerKinds()) {
        chars += kind.length();
      }
      return chars > MAX_ALIKE_CHARS
          ? null
          : new Alike(pod.namespace(), pod.labels(), pod.ownerKinds(), pod.hostNetwork());
    }
  }

  /**
   * {@link #resolve}, shared by pods alike in what it reads, from any thread. kube-scheduler asks
   * about each pod twice an attempt (filter, then prioritize), and a workload's pods are alike,
   * while matching every PodNetworking's selectors is most of what a prioritize of a few hundred
   * nodes costs. At most {@link #MAX_ALIKE} kinds of pods are kept, each of at most {@link
   * #MAX_ALIKE_CHARS} characters of labels and owners (a real pod's are a few hundred); when full,
   * it starts over.
   */
  public Resolution resolveAlike(PodView pod) {
    Alike key = Alike.of(pod);
    if (key == null) {
      return resolve(pod);
    }
    Resolution r = byAlike.get(key);
    if (r == null) {
      r = resolve(pod);
      if (byAlike.size() >= MAX_ALIKE) {
        byAlike.clear();
      }
      byAlike.put(key, r);
    }
    return r;
  }

  public Resolution resolve(PodView pod) {
    if (pod.hostNetwork()) {
      return Resolution.unmanaged("hostNetwork pod: Terway assigns no IP");
    }
    if (pod.ignoredByTerway()) {
      return Resolution.unmanaged("labelled k8s.aliyun.com/ignore-by-terway=true");
    }
    NamespaceView ns = snapshot.namespaces().get(pod.namespace());
    if (ns != null && ns.optedOutOfPodNetworking()) {
      return Resolution.defaultNetwork(
          "namespace " + pod.namespace() + " is labelled k8s.aliyun.com/pod-eni=false");
    }
    NetworkAnnotations a = pod.networkAnnotations();
    if (a.parseError() != null) {
      return Resolution.invalid(Reason.of(ReasonId.NETWORK_INVALID, a.parseError()));
    }
    if (a.podNetworks() != null) {
      return fixedForFixedNameOnly(pod, explicit(a.podNetworks()));
    }
    if (a.requestedNetworks() != null) {
      return fixedForFixedNameOnly(pod, requested(pod, a.requestedNetworks()));
    }
    if (a.podNetworking() != null) {
      return annotated(a.podNetworking());
    }
    return selected(pod, ns);
  }

  /**
   * Terway's webhook denies a pod that is not fixed-name a Fixed network it names ("fixed ip only
   * support for fixed name pod"); selector matching skips such networks instead.
   */
  private Resolution fixedForFixedNameOnly(PodView pod, Resolution r) {
    if (r.kind() == Resolution.Kind.INVALID || fixedName(pod)) {
      return r;
    }
    for (Network n : r.networks()) {
      if (n.spec().allocation().fixed()) {
        return Resolution.invalid(
            Reason.builder(ReasonId.NETWORK_INVALID)
                .with("network", n.name())
                .with("ownerKinds", pod.ownerKinds())
                .message(
                    "network "
                        + n.name()
                        + " ("
                        + r.why()
                        + ") allocates fixed IPs, which Terway gives only to fixed-name pods (no"
                        + " owner, a StatefulSet or a custom stateful kind); this pod is owned by "
                        + String.join(", ", pod.ownerKinds())));
      }
    }
    return r;
  }

  private Resolution explicit(List<NetworkSpec> specs) {
    List<Network> networks = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      networks.add(fromInventory("pod-networks[" + i + "]", specs.get(i)));
    }
    return new Resolution(
        Resolution.Kind.POD_NETWORKS,
        "annotation k8s.aliyun.com/pod-networks",
        networks,
        List.of(),
        null);
  }

  private Resolution requested(PodView pod, List<String> names) {
    List<Network> networks = new ArrayList<>();
    for (String name : names) {
      PodNetworking pn = podNetworkings.get(name);
      String problem =
          pn == null
              ? "does not exist"
              : !pn.ready()
                  ? "is not Ready"
                      + (pn.statusMessage() == null ? "" : " (" + pn.statusMessage() + ")")
                  : !pn.selectorless() ? "has a selector, so it cannot be requested by name" : null;
      if (problem != null) {
        return Resolution.invalid(
            Reason.builder(ReasonId.NETWORK_INVALID)
                .with("podNetworking", name)
                .message(
                    "PodNetworking "
                        + name
                        + " named in k8s.aliyun.com/pod-networks-request "
                        + problem));
      }
      networks.add(byPodNetworking.get(name));
    }
    if (networks.stream().map(n -> n.spec().eniType()).distinct().count() > 1) {
      return Resolution.invalid(
          Reason.builder(ReasonId.NETWORK_INVALID)
              .with("podNetworkings", names)
              .message(
                  "requested PodNetworkings " + names + " mix eniTypes; Terway denies the pod"));
    }
    Resolution r =
        new Resolution(
            Resolution.Kind.POD_NETWORKS_REQUEST,
            "annotation k8s.aliyun.com/pod-networks-request " + names,
            networks,
            List.of(),
            null);
    Set<String> zones = r.allowedZones();
    // DaemonSet pods are never rejected for zones; the zone rule notes the risk instead.
    if (zones != null && zones.isEmpty() && !r.zonesUncertain() && !pod.daemonSet()) {
      Map<String, Set<String>> each = new java.util.LinkedHashMap<>();
      networks.forEach(n -> each.put(n.name(), new TreeSet<>(n.zones())));
      return Resolution.invalid(
          Reason.builder(ReasonId.NETWORK_INVALID)
              .with("podNetworkings", names)
              .with("zones", each)
              .message(
                  "requested PodNetworkings share no zone "
                      + each
                      + "; Terway would schedule the pod and fail it in ContainerCreating"));
    }
    return r;
  }

  private Resolution annotated(String name) {
    Network n = byPodNetworking.get(name);
    if (n == null) {
      return Resolution.invalid(
          Reason.builder(ReasonId.NETWORK_INVALID)
              .with("podNetworking", name)
              .message(
                  "PodNetworking "
                      + name
                      + " named in k8s.aliyun.com/pod-networking does not exist"));
    }
    return new Resolution(
        Resolution.Kind.POD_NETWORKING,
        "annotation k8s.aliyun.com/pod-networking=" + name,
        List.of(n),
        List.of(),
        null);
  }

  private Resolution selected(PodView pod, NamespaceView ns) {
    Map<String, String> nsLabels = ns == null ? Map.of() : ns.labels();
    boolean fixedName = fixedName(pod);
    PodNetworking first = null;
    List<String> others = new ArrayList<>();
    for (PodNetworking pn : snapshot.podNetworkings()) {
      if (!pn.ready() || pn.selectorless()) {
        continue;
      }
      if (pn.spec().allocation().fixed() && !fixedName) {
        continue;
      }
      if (pn.podSelector() != null && !pn.podSelector().matches(pod.labels())) {
        continue;
      }
      if (pn.namespaceSelector() != null && !pn.namespaceSelector().matches(nsLabels)) {
        continue;
      }
      if (first == null) {
        first = pn;
      } else {
        others.add(pn.name());
      }
    }
    if (first == null) {
      return Resolution.defaultNetwork("no Ready PodNetworking selects the pod");
    }
    String why =
        "selected by PodNetworking "
            + first.name()
            + (others.isEmpty() ? "" : " (oldest of " + (others.size() + 1) + " matches)");
    return new Resolution(
        Resolution.Kind.SELECTOR, why, List.of(byPodNetworking.get(first.name())), others, null);
  }

  private Network networkOf(PodNetworking pn) {
    if (pn.statusVSwitches().isEmpty()) {
      return fromInventory(pn.name(), pn.spec());
    }
    Set<String> zones = new TreeSet<>();
    pn.statusVSwitches().forEach(v -> zones.add(v.zone()));
    return new Network(pn.name(), pn.spec(), zones, List.of());
  }

  private Network fromInventory(String name, NetworkSpec spec) {
    Set<String> zones = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    for (String id : spec.vSwitchIds()) {
      String zone = vSwitchZones.zoneOf(id);
      if (zone == null) {
        unknown.add(id);
      } else {
        zones.add(zone);
      }
    }
    return new Network(name, spec, zones, unknown);
  }
}
