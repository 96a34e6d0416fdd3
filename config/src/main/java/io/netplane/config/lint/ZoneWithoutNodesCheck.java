package io.netplane.config.lint;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.rules.Network;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** vSwitches in zones where no node runs: their pods can never land there. */
final class ZoneWithoutNodesCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    Set<String> nodeZones =
        ctx.snapshot.nodes().values().stream()
            .map(NodeView::zone)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      Network n = ctx.resolver.network(pn.name());
      report("PodNetworking/" + pn.name(), n.zones(), nodeZones, out);
    }
    EniConfig base = ctx.snapshot.baseConfig();
    if (base != null) {
      report("ConfigMap/kube-system/" + base.name(), base.vSwitches().keySet(), nodeZones, out);
    }
  }

  private static void report(
      String subject, Set<String> zones, Set<String> nodeZones, List<Finding> out) {
    Set<String> empty = new TreeSet<>(zones);
    empty.removeAll(nodeZones);
    if (!empty.isEmpty()) {
      out.add(
          new Finding(
              LintId.ZONE_WITHOUT_NODES,
              Finding.Severity.WARNING,
              subject,
              "vSwitches in zone(s) " + empty + " where no node runs"));
    }
  }
}
