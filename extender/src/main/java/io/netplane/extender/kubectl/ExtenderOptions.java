package io.netplane.extender.kubectl;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the plugin reaches the running extender. */
public final class ExtenderOptions {
  /** The chart's label of all its pods (with nameOverride, its value). */
  static final String DEFAULT_SELECTOR = "app.kubernetes.io/name=netplane";

  @Option(
      names = "--extender-url",
      paramLabel = "URL",
      description =
          "Ask the extender at this URL (e.g. http://127.0.0.1:8790 of your own `kubectl port-forward`) instead of port-forwarding to the active one.")
  URI url;

  @Option(
      names = "--netplane-namespace",
      paramLabel = "NS",
      description =
          "Namespace netplane is installed in. Default: found by --selector in all namespaces.")
  String namespace;

  @Option(
      names = "--selector",
      defaultValue = DEFAULT_SELECTOR,
      paramLabel = "LABELS",
      description = "Label selector of netplane's pods. Default: ${DEFAULT-VALUE}.")
  String selector;

  @Option(
      names = "--lease",
      paramLabel = "NS/NAME",
      description =
          "The Lease whose holder is the active scheduler (or extender). Default: the chart's for its layout: <netplane namespace>/netplane-scheduler, kube-system/kube-scheduler on control-plane hosts, or the extender's --lease-name.")
  String lease;

  @Option(
      names = "--extender-port",
      defaultValue = "8790",
      paramLabel = "PORT",
      description =
          "The extender's port on 127.0.0.1 in its pod (the chart's extender.port), when it runs beside kube-scheduler. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--request-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description =
          "Give up on an answer of the extender after this long. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  ActiveExtender.Settings settings() {
    if (lease != null) {
      int slash = lease.indexOf('/');
      if (slash <= 0 || slash == lease.length() - 1 || lease.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException("--lease must be NAMESPACE/NAME, got '" + lease + "'");
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--extender-port must be 1..65535, got " + port);
    }
    return new ActiveExtender.Settings(port, lease);
  }
}
