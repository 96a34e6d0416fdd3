package io.netplane.config.lint;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.PodNetworking;
import java.util.List;

/** At most 10 security groups per ENI (5 on serverless, where only the first one applies). */
final class SecurityGroupLimitCheck implements LintCheck {
  static final int LIMIT = 10;
  static final int SERVERLESS_LIMIT = 5;

  @Override
  public void check(LintContext ctx, List<Finding> out) {
    boolean serverless = ctx.snapshot.nodes().values().stream().anyMatch(n -> n.virtual());
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      judge("PodNetworking/" + pn.name(), pn.spec().securityGroupIds().size(), serverless, out);
    }
    // Configs Terway refuses (more than 10 listed in security_groups among them) are
    // EniConfigInvalid.
    for (EniConfig c : ctx.configsInUse()) {
      if (c.loadable()) {
        judge("ConfigMap/kube-system/" + c.name(), c.securityGroups().size(), serverless, out);
      }
    }
  }

  private static void judge(String subject, int count, boolean serverless, List<Finding> out) {
    if (count > LIMIT) {
      out.add(
          new Finding(
              LintId.TOO_MANY_SECURITY_GROUPS,
              Finding.Severity.ERROR,
              subject,
              count + " security groups; an ENI takes at most " + LIMIT));
    } else if (serverless && count > SERVERLESS_LIMIT) {
      out.add(
          new Finding(
              LintId.TOO_MANY_SECURITY_GROUPS,
              Finding.Severity.WARNING,
              subject,
              count
                  + " security groups; serverless pods take at most "
                  + SERVERLESS_LIMIT
                  + " and only the first applies"));
    }
  }
}
