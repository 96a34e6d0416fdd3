package io.netplane.config.lint;

import io.netplane.config.model.Allocation;
import io.netplane.config.model.PodNetworking;
import java.time.Duration;
import java.util.List;

/** A fixed IP released less than 5 minutes after its pod is gone is lost on an ordinary restart. */
final class ShortTtlCheck implements LintCheck {
  static final Duration MINIMUM = Duration.ofMinutes(5);

  @Override
  public void check(LintContext ctx, List<Finding> out) {
    for (PodNetworking pn : ctx.snapshot.podNetworkings()) {
      Allocation a = pn.spec().allocation();
      if (a.fixed()
          && a.releaseStrategy() == Allocation.ReleaseStrategy.TTL
          && a.releaseAfter() != null
          && a.releaseAfter().compareTo(MINIMUM) < 0) {
        out.add(
            new Finding(
                LintId.SHORT_FIXED_IP_TTL,
                Finding.Severity.WARNING,
                "PodNetworking/" + pn.name(),
                "releaseAfter "
                    + a.releaseAfter().toSeconds()
                    + "s is under 5 minutes; a rescheduled pod may lose its fixed IP"));
      }
    }
  }
}
