package io.netplane.config.lint;

import io.netplane.config.model.LabelSelector;
import io.netplane.config.model.PodNetworking;
import java.util.List;

/** A selector Kubernetes would reject: Terway's admission fails for every pod that reaches it. */
final class InvalidSelectorCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      report(pn, "podSelector", pn.podSelector(), out);
      report(pn, "namespaceSelector", pn.namespaceSelector(), out);
    }
  }

  private static void report(PodNetworking pn, String field, LabelSelector s, List<Finding> out) {
    if (s != null && !s.isValid()) {
      out.add(
          new Finding(
              LintId.INVALID_SELECTOR,
              Finding.Severity.ERROR,
              "PodNetworking/" + pn.name(),
              field + " is invalid (" + s.invalidReason() + "); it matches no pod"));
    }
  }
}
