package io.netplane.config.lint;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.NetworkResolver;
import io.netplane.config.rules.Resolution;
import java.util.LinkedHashMap;
import java.util.Map;

/** The snapshot with every pod's network resolved once, shared by all checks. */
final class LintContext {
  final ClusterSnapshot snapshot;
  final NetworkResolver resolver;
  final Map<PodView, Resolution> resolutions = new LinkedHashMap<>();

  LintContext(ClusterSnapshot snapshot, NetworkResolver resolver) {
    this.snapshot = snapshot;
    this.resolver = resolver;
    for (PodView p : snapshot.pods()) {
      if (!p.finished()) {
        resolutions.put(p, resolver.resolve(p));
      }
    }
  }
}
