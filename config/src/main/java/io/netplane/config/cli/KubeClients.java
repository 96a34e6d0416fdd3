package io.netplane.config.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/**
 * The Kubernetes client both programs build from {@code --kubeconfig} and {@code --context}, as
 * kubectl does.
 */
public final class KubeClients {
  private KubeClients() {}

  /**
   * @param kubeconfig the kubeconfig file, or null for KUBECONFIG, ~/.kube/config or in-cluster
   * @param context the kubeconfig context to use, or null for its current context
   * @throws IllegalArgumentException when the kubeconfig has no such context
   */
  public static KubernetesClient build(Path kubeconfig, String context) {
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, kubeconfig.toFile())
            : Config.autoConfigure(context);
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new IllegalArgumentException(
          "--context "
              + context
              + ": no such context in "
              + (kubeconfig != null
                  ? kubeconfig
                  : "the kubeconfig (KUBECONFIG or ~/.kube/config)"));
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
