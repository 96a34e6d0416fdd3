package io.netplane.config.rules;

/**
 * A node whose effective eni-config Terway refuses to load (malformed JSON, a field of the wrong
 * type, {@code ip_stack} other than ipv4/dual, more than 10 {@code security_groups}): Terway
 * configures no ENIs there, so no pod it manages gets an IP.
 */
final class EniConfigRule implements NodeRule {
  private static final ReasonMemo<String> INVALID = new ReasonMemo<>("eni-config invalid");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (node.config() == null || node.config().loadable() || pod.unmanaged()) {
      return null;
    }
    String name = node.config().name();
    return pod.reason(
        INVALID,
        name,
        () ->
            Reason.builder(ReasonId.ENI_CONFIG_INVALID)
                .with("configMap", "kube-system/" + name)
                .with("problem", node.config().problem())
                .message(
                    "Terway refuses the node's eni-config (ConfigMap kube-system/"
                        + name
                        + "): "
                        + node.config().problem()));
  }
}
