package io.netplane.config.rules;

import io.netplane.config.model.Labels;

/**
 * A node without an effective eni-config: its {@code terway-config} names a ConfigMap that does not
 * exist, or there is no base {@code kube-system/eni-config} at all.
 */
final class OverrideConfigRule implements NodeRule {
  private static final ReasonMemo<Void> BASE_MISSING = new ReasonMemo<>("base config missing");
  private static final ReasonMemo<String> OVERRIDE_MISSING = new ReasonMemo<>("override missing");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (!node.overrideMissing() || !pod.usesDefaultNetwork()) {
      return null;
    }
    String name = node.terwayConfig();
    if (name == null) {
      return pod.reason(BASE_MISSING, OverrideConfigRule::baseMissing);
    }
    return pod.reason(
        OVERRIDE_MISSING,
        name,
        () ->
            Reason.builder(ReasonId.OVERRIDE_CONFIG_MISSING)
                .with("configMap", "kube-system/" + name)
                .message(
                    "node label terway-config="
                        + name
                        + " names ConfigMap kube-system/"
                        + name
                        + ", which does not exist (netplane holds the node back; Terway's daemon"
                        + " would fall back to the base eni-config and log an error)"));
  }

  private static Reason baseMissing() {
    return Reason.builder(ReasonId.BASE_CONFIG_MISSING)
        .with("configMap", "kube-system/" + Labels.BASE_ENI_CONFIG)
        .message(
            "ConfigMap kube-system/"
                + Labels.BASE_ENI_CONFIG
                + " does not exist or has no eni_conf, and the node has no terway-config label:"
                + " Terway has no vSwitches for the node's pods");
  }
}
