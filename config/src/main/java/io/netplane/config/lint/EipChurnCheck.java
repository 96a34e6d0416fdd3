package io.netplane.config.lint;

import io.netplane.config.model.PodView;
import java.util.List;

/**
 * EIP annotations that churn: an auto EIP on a Deployment is allocated and released on every
 * rollout (hitting EIP limits); a static EIP belongs to exactly one StatefulSet pod.
 */
final class EipChurnCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodView p : ctx.resolutions.keySet()) {
      if (p.eip().auto() && (p.ownedBy("ReplicaSet") || p.ownedBy("Deployment"))) {
        out.add(
            new Finding(
                LintId.AUTO_EIP_ON_DEPLOYMENT,
                Finding.Severity.WARNING,
                "Pod/" + p.key(),
                "automatic EIP on a Deployment pod is re-allocated on every rollout and may hit EIP"
                    + " limits; use a static EIP on a StatefulSet"));
      }
      if (p.eip().staticEipId() != null && !p.ownedBy("StatefulSet")) {
        out.add(
            new Finding(
                LintId.STATIC_EIP_ON_NON_STATEFUL_SET,
                Finding.Severity.WARNING,
                "Pod/" + p.key(),
                "static EIP "
                    + p.eip().staticEipId()
                    + " on a pod owned by "
                    + (p.ownerKinds().isEmpty() ? "nothing" : String.join(", ", p.ownerKinds()))
                    + "; static EIPs are for StatefulSet pods only"));
      }
    }
  }
}
