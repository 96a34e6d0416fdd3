package io.netplane.config.lint;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.rules.NetworkResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds configurations that will hurt scheduling or IP allocation, before they do. */
public final class Linter {
  private static final List<LintCheck> CHECKS =
      List.of(
          new InvalidSelectorCheck(),
          new ConflictingPodNetworkingsCheck(),
          new FixedOnNonFixedNameCheck(),
          new SecurityGroupLimitCheck(),
          new EniConfigInvalidCheck(),
          new ShortTtlCheck(),
          new ZoneWithoutNodesCheck(),
          new VSwitchHeadroomCheck(),
          new EipChurnCheck(),
          new PodNetworkingNotReadyCheck(),
          new VSwitchNotInInventoryCheck(),
          new NodeConfigMissingCheck());

  private Linter() {}

  public static List<Finding> lint(ClusterSnapshot snapshot, NetworkResolver resolver) {
    LintContext ctx = new LintContext(snapshot, resolver);
    List<Finding> out = new ArrayList<>();
    for (LintCheck c : CHECKS) {
      c.check(ctx, out);
    }
    out.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.id().id())
            .thenComparing(Finding::subject));
    return out;
  }
}
