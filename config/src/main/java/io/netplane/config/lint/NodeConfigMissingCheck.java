package io.netplane.config.lint;

import io.netplane.config.model.NodeView;
import java.util.List;

/**
 * Nodes whose {@code terway-config} label names a ConfigMap that does not exist: netplane keeps
 * pods off them ({@code OverrideConfigMissing}), and Terway's daemon falls back to the base config
 * there, so pods that do land get IPs from vSwitches the pool did not mean.
 */
final class NodeConfigMissingCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (NodeView node : ctx.snapshot.nodes().values()) {
      String name = node.terwayConfig();
      if (name != null && !ctx.snapshot.overrideConfigs().containsKey(name)) {
        out.add(
            new Finding(
                LintId.NODE_CONFIG_MISSING,
                Finding.Severity.ERROR,
                "Node/" + node.name(),
                "label terway-config="
                    + name
                    + " names ConfigMap kube-system/"
                    + name
                    + ", which does not exist"));
      }
    }
  }
}
