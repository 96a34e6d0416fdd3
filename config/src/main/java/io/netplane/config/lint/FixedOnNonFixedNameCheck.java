package io.netplane.config.lint;

import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import java.util.List;
import java.util.Map;

/**
 * A Fixed PodNetworking selecting pods that are not fixed-name (Deployments, Jobs...): Terway skips
 * it for them, so they silently land on another network.
 */
final class FixedOnNonFixedNameCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      if (!pn.spec().allocation().fixed() || pn.selectorless()) {
        continue;
      }
      for (PodView p : ctx.resolutions.keySet()) {
        if (!ctx.resolver.fixedName(p) && selects(ctx, pn, p)) {
          out.add(
              new Finding(
                  LintId.FIXED_ON_NON_FIXED_NAME,
                  Finding.Severity.WARNING,
                  "Pod/" + p.key(),
                  "Fixed PodNetworking "
                      + pn.name()
                      + " selects this pod, owned by "
                      + String.join(", ", p.ownerKinds())
                      + "; fixed IPs need a StatefulSet or a bare pod, so Terway ignores it here"));
        }
      }
    }
  }

  private static boolean selects(LintContext ctx, PodNetworking pn, PodView p) {
    NamespaceView ns = ctx.snapshot.namespaces().get(p.namespace());
    Map<String, String> nsLabels = ns == null ? Map.of() : ns.labels();
    return (pn.podSelector() == null || pn.podSelector().matches(p.labels()))
        && (pn.namespaceSelector() == null || pn.namespaceSelector().matches(nsLabels));
  }
}
