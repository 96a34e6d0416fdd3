package io.netplane.config.lint;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Network;
import io.netplane.config.rules.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool whose vSwitches hold fewer than twice the IPs its pods need: a rolling update or a
 * scale-out will exhaust it. Pools are PodNetworkings (their pods) and eni-configs (the
 * default-network pods on the nodes using them).
 */
final class VSwitchHeadroomCheck implements LintCheck {
  static final int FACTOR = 2;

  @Override
  public void check(LintContext ctx, List<Finding> out) {
    Map<String, Integer> pods = new TreeMap<>();
    Map<String, List<String>> vSwitches = new TreeMap<>();
    for (Map.Entry<PodView, Resolution> e : ctx.resolutions.entrySet()) {
      Resolution r = e.getValue();
      for (Network n : r.networks()) {
        if (ctx.resolver.network(n.name()) != null) {
          count("PodNetworking/" + n.name(), n.spec().vSwitchIds(), pods, vSwitches);
        }
      }
      EniConfig config = r.kind() == Resolution.Kind.DEFAULT ? configOf(ctx, e.getKey()) : null;
      if (config != null) {
        List<String> ids = new ArrayList<>();
        config.vSwitches().values().forEach(ids::addAll);
        count("ConfigMap/kube-system/" + config.name(), ids, pods, vSwitches);
      }
    }
    pods.forEach(
        (subject, count) -> {
          List<String> ids = vSwitches.get(subject);
          long free = 0;
          for (String id : ids) {
            VSwitch v = ctx.snapshot.vSwitches().get(id);
            if (v == null || v.availableIps() == null) {
              return; // unknown capacity: nothing to say
            }
            free += v.availableIps();
          }
          if (free < (long) FACTOR * count) {
            out.add(
                new Finding(
                    LintId.VSWITCH_HEADROOM,
                    Finding.Severity.WARNING,
                    subject,
                    "vSwitches "
                        + ids
                        + " have "
                        + free
                        + " free IPs for "
                        + count
                        + " pod(s); keep at least "
                        + FACTOR
                        + "x"));
          }
        });
  }

  private static void count(
      String subject,
      List<String> ids,
      Map<String, Integer> pods,
      Map<String, List<String>> vSwitches) {
    pods.merge(subject, 1, Integer::sum);
    vSwitches.putIfAbsent(subject, ids);
  }

  /** The effective config of the node a default-network pod is bound to; null while pending. */
  private static EniConfig configOf(LintContext ctx, PodView pod) {
    NodeView node = pod.nodeName() == null ? null : ctx.snapshot.nodes().get(pod.nodeName());
    if (node == null) {
      return null;
    }
    return node.terwayConfig() == null
        ? ctx.snapshot.baseConfig()
        : ctx.snapshot.overrideConfigs().get(node.terwayConfig());
  }
}
