package io.netplane.config.lint;

import io.netplane.config.model.PodNetworking;
import java.util.List;

/**
 * PodNetworkings Terway's controller has not made Ready: Terway's webhook gives their pods no
 * network, so those pods fit nowhere until it is.
 */
final class PodNetworkingNotReadyCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      if (!pn.ready()) {
        String why =
            pn.statusMessage() == null || pn.statusMessage().isBlank()
                ? ""
                : ": " + pn.statusMessage();
        out.add(
            new Finding(
                LintId.POD_NETWORKING_NOT_READY,
                Finding.Severity.WARNING,
                "PodNetworking/" + pn.name(),
                "not Ready" + why + "; the pods it selects are scheduled nowhere until it is"));
      }
    }
  }
}
