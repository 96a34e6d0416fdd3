package io.netplane.extender.kubectl;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Which extender pod answers the active kube-scheduler, read from the pods the chart runs and the
 * Lease their leader holds. The chart's layouts:
 *
 * <ul>
 *   <li>sidecar: an {@code extender} init container (native sidecar) of each netplane
 *       kube-scheduler pod, on 127.0.0.1; the leader holds the scheduler's Lease ({@code
 *       netplane-scheduler} in the pods' namespace), its holderIdentity is {@code <pod
 *       name>_<uuid>};
 *   <li>daemonset: an extender pod on each control-plane host (host network, 127.0.0.1), beside the
 *       cluster's kube-scheduler, whose Lease is {@code kube-system/kube-scheduler} and whose
 *       holderIdentity is {@code <host name>_<uuid>};
 *   <li>service: extender replicas electing a leader on their own Lease ({@code --lease-name},
 *       holderIdentity {@code <pod name>-<suffix>}); their main port requires client certificates,
 *       so the plain listener of {@code --local-port} on 127.0.0.1 is used.
 * </ul>
 */
public final class ActiveExtender {
  /** The extender's container name in every layout. */
  static final String CONTAINER = "extender";

  static final String SCHEDULER_CONTAINER = "kube-scheduler";

  /** Where the chart runs the extender. */
  public enum Layout {
    SIDECAR,
    DAEMONSET,
    SERVICE
  }

  /**
   * The extender pod to ask, the port it serves {@code kubectl netplane} on inside the pod, and how
   * it was chosen.
   */
  public record Target(Pod pod, int port, Layout layout, String lease, String holder, String why) {
    public String name() {
      return pod.getMetadata().getName();
    }

    public String namespace() {
      return pod.getMetadata().getNamespace();
    }
  }

  /**
   * @param loopbackPort the extender's port on 127.0.0.1 in the sidecar and daemonset layouts
   * @param lease the Lease to read as {@code NAMESPACE/NAME}, or null for the layout's
   */
  public record Settings(int loopbackPort, String lease) {}

  private ActiveExtender() {}

  /**
   * The layout of the chart's pods, from the first pod with an extender container.
   *
   * @throws IllegalStateException when no pod runs an extender container
   */
  public static Layout layout(List<Pod> pods) {
    Pod first =
        extenderPods(pods)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no netplane extender pod found (no pod with a container named "
                            + CONTAINER
                            + ")"));
    return layoutOf(first);
  }

  /** The pods with an extender container, by name. */
  public static List<Pod> extenderPodsByName(List<Pod> pods) {
    return extenderPods(pods)
        .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
        .toList();
  }

  private static Stream<Pod> extenderPods(List<Pod> pods) {
    return pods.stream().filter(p -> extenderContainer(p).isPresent());
  }

  /**
   * The Lease the layout's leader holds, as {@code NAMESPACE/NAME}.
   *
   * @param settings its {@code lease}, when set, wins
   */
  public static String leaseOf(Pod pod, Settings settings) {
    if (settings.lease() != null) {
      return settings.lease();
    }
    String ns = pod.getMetadata().getNamespace();
    return switch (layoutOf(pod)) {
      case SIDECAR -> ns + "/netplane-scheduler";
      case DAEMONSET -> "kube-system/kube-scheduler";
      case SERVICE ->
          arg(pod, "--lease-namespace").orElse(ns)
              + "/"
              + arg(pod, "--lease-name").orElse("netplane-extender");
    };
  }

  /**
   * The extender that answers the active scheduler.
   *
   * @param leases reads a Lease by namespace and name (null when there is none)
   * @throws IllegalStateException when no pod can be told to be the active one, saying why
   */
  public static Target choose(
      List<Pod> pods, Settings settings, BiFunction<String, String, Lease> leases) {
    List<Pod> candidates = extenderPodsByName(pods);
    Layout layout = layout(pods);
    String lease = leaseOf(candidates.get(0), settings);
    int slash = lease.indexOf('/');
    Lease held = leases.apply(lease.substring(0, slash), lease.substring(slash + 1));
    String holder =
        held == null || held.getSpec() == null ? null : held.getSpec().getHolderIdentity();
    Pod leader =
        holder == null || holder.isEmpty()
            ? null
            : candidates.stream().filter(p -> holds(p, layout, holder)).findFirst().orElse(null);
    if (leader != null) {
      return new Target(
          leader, port(leader, settings), layout, lease, holder, "holds Lease " + lease);
    }
    List<Pod> ready = candidates.stream().filter(ActiveExtender::ready).toList();
    // without a leader election (one replica) there is no Lease, but no choice either
    if (ready.size() == 1 && (held == null || holder == null || holder.isEmpty())) {
      Pod only = ready.get(0);
      return new Target(
          only,
          port(only, settings),
          layout,
          lease,
          holder,
          "the only ready extender (Lease " + lease + (held == null ? " not found)" : " unheld)"));
    }
    List<String> names = new ArrayList<>();
    candidates.forEach(p -> names.add(p.getMetadata().getName()));
    throw new IllegalStateException(
        held == null
            ? "Lease "
                + lease
                + " not found and "
                + ready.size()
                + " extender pods are ready "
                + names
                + ": cannot tell the active one (set --lease NAMESPACE/NAME or --extender-url)"
            : "Lease "
                + lease
                + " is held by '"
                + Optional.ofNullable(holder).orElse("")
                + "', which is none of the extender pods "
                + names
                + " (set --lease NAMESPACE/NAME or --extender-url)");
  }

  /** Whether the Lease holder is this pod, or (daemonset) a kube-scheduler on this pod's host. */
  static boolean holds(Pod pod, Layout layout, String holder) {
    return switch (layout) {
      case SIDECAR -> holder.startsWith(pod.getMetadata().getName() + "_");
      case SERVICE -> holder.startsWith(pod.getMetadata().getName() + "-");
      case DAEMONSET -> {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        int underscore = holder.indexOf('_');
        String host = underscore < 0 ? holder : holder.substring(0, underscore);
        // a host name may be the node name or its first label
        yield node != null
            && !host.isEmpty()
            && (node.equals(host) || node.startsWith(host + ".") || host.startsWith(node + "."));
      }
    };
  }

  /** The extender container's readiness. */
  public static boolean ready(Pod pod) {
    return extenderStatus(pod).map(s -> Boolean.TRUE.equals(s.getReady())).orElse(false);
  }

  /** The extender container's restarts. */
  public static int restarts(Pod pod) {
    return extenderStatus(pod).map(ContainerStatus::getRestartCount).orElse(0);
  }

  private static Optional<ContainerStatus> extenderStatus(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return Stream.concat(
            pod.getStatus().getInitContainerStatuses().stream(),
            pod.getStatus().getContainerStatuses().stream())
        .filter(s -> CONTAINER.equals(s.getName()))
        .findFirst();
  }

  private static int port(Pod pod, Settings settings) {
    if (layoutOf(pod) != Layout.SERVICE) {
      return settings.loopbackPort();
    }
    String local =
        arg(pod, "--local-port")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "extender pod "
                            + pod.getMetadata().getName()
                            + " serves only TLS with client certificates (no --local-port): upgrade"
                            + " the chart, or port-forward yourself and pass --extender-url"));
    try {
      return Integer.parseInt(local);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "extender pod "
              + pod.getMetadata().getName()
              + ": --local-port="
              + local
              + " is no port");
    }
  }

  private static Layout layoutOf(Pod pod) {
    boolean besideScheduler =
        pod.getSpec().getContainers().stream()
            .anyMatch(c -> SCHEDULER_CONTAINER.equals(c.getName()));
    if (besideScheduler) {
      return Layout.SIDECAR;
    }
    boolean daemonSet =
        pod.getMetadata().getOwnerReferences().stream()
            .map(OwnerReference::getKind)
            .anyMatch("DaemonSet"::equals);
    return daemonSet ? Layout.DAEMONSET : Layout.SERVICE;
  }

  private static Optional<Container> extenderContainer(Pod pod) {
    if (pod.getSpec() == null) {
      return Optional.empty();
    }
    return Stream.concat(
            pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
        .filter(c -> CONTAINER.equals(c.getName()))
        .findFirst();
  }

  /** The value of {@code --name=VALUE} among the extender container's args. */
  private static Optional<String> arg(Pod pod, String name) {
    List<String> args = extenderContainer(pod).map(Container::getArgs).orElse(List.of());
    String prefix = name + "=";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith(prefix)) {
        return Optional.of(a.substring(prefix.length()));
      }
      if (a.equals(name) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
    }
    return Optional.empty();
  }

  /** Namespaces of the pods, for a message asking to choose one. */
  static TreeSet<String> namespaces(List<Pod> pods) {
    TreeSet<String> out = new TreeSet<>();
    extenderPods(pods).forEach(p -> out.add(p.getMetadata().getNamespace()));
    return out;
  }
}
