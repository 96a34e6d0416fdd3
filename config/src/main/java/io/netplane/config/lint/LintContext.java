package io.netplane.config.lint;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.NetworkResolver;
import io.netplane.config.rules.Resolution;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * The base eni-config and the effective overrides some node's {@code terway-config} names: a
   * kube-system ConfigMap no node uses concerns nobody.
   */
  List<EniConfig> configsInUse() {
    Map<String, EniConfig> inUse = new LinkedHashMap<>();
    if (snapshot.baseConfig() != null) {
      inUse.put(snapshot.baseConfig().name(), snapshot.baseConfig());
    }
    for (NodeView n : snapshot.nodes().values()) {
      EniConfig c =
          n.terwayConfig() == null ? null : snapshot.overrideConfigs().get(n.terwayConfig());
      if (c != null) {
        inUse.putIfAbsent(c.name(), c);
      }
    }
    return List.copyOf(inUse.values());
  }
}
