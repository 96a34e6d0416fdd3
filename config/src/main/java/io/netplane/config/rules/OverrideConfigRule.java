package io.netplane.config.rules;

/** A node whose {@code terway-config} names a missing ConfigMap cannot be configured by Terway. */
final class OverrideConfigRule implements NodeRule {
  @Override
  public Reason check(PodContext pod, NodeFacts node) {
    if (!node.overrideMissing() || !pod.usesDefaultNetwork()) {
      return null;
    }
    String name = node.node().terwayConfig();
    return pod.cached(
        "override", name,
        () ->
            Reason.builder(ReasonId.OVERRIDE_CONFIG_MISSING)
                .with("configMap", "kube-system/" + name)
                .message(
                    "node label terway-config="
                        + name
                        + " names ConfigMap kube-system/"
                        + name
                        + ", which does not exist"));
  }
}
