package io.netplane.config.lint;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.PodNetworking;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * vSwitches a PodNetworking or eni-config names that the cloud inventory does not list: wrong id,
 * another VPC or region, or deleted. Their zone and free IPs are unknown to netplane.
 */
final class VSwitchNotInInventoryCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      report(ctx, "PodNetworking/" + pn.name(), pn.spec().vSwitchIds(), out);
    }
    if (ctx.snapshot.baseConfig() != null) {
      report(
          ctx,
          "ConfigMap/kube-system/" + ctx.snapshot.baseConfig().name(),
          ids(ctx.snapshot.baseConfig()),
          out);
    }
    for (EniConfig override : ctx.snapshot.overrideConfigs().values()) {
      report(ctx, "ConfigMap/kube-system/" + override.name(), ids(override), out);
    }
  }

  private static List<String> ids(EniConfig config) {
    return config.vSwitches().values().stream().flatMap(Collection::stream).toList();
  }

  private static void report(
      LintContext ctx, String subject, Collection<String> ids, List<Finding> out) {
    Set<String> missing = new TreeSet<>(ids);
    missing.removeAll(ctx.snapshot.vSwitches().keySet());
    if (!missing.isEmpty()) {
      out.add(
          new Finding(
              LintId.VSWITCH_NOT_IN_INVENTORY,
              Finding.Severity.WARNING,
              subject,
              "vSwitches "
                  + missing
                  + " are not in the cloud inventory (wrong id, another VPC or region, or deleted);"
                  + " their zone and free IPs are unknown"));
    }
  }
}
