package io.netplane.config.lint;

import io.netplane.config.model.EniConfig;
import java.util.List;

/** An eni-config in use that Terway refuses to load: its nodes get no pod IPs. */
final class EniConfigInvalidCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (EniConfig c : ctx.configsInUse()) {
      if (!c.loadable()) {
        out.add(
            new Finding(
                LintId.ENI_CONFIG_INVALID,
                Finding.Severity.ERROR,
                "ConfigMap/kube-system/" + c.name(),
                "Terway refuses this eni-config, so nodes using it get no pod IPs: "
                    + c.problem()));
      }
    }
  }
}
