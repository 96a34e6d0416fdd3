package io.netplane.config.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context} of a command that reads a cluster, as kubectl's. */
public final class KubeOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "The kubeconfig file. Default: KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use. Default: its current context.")
  String context;

  /**
   * A new client; the caller closes it.
   *
   * @throws IllegalArgumentException when the kubeconfig is unreadable or has no such context
   */
  public KubernetesClient client() {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new IllegalArgumentException("--kubeconfig " + kubeconfig + " is not a readable file");
    }
    return KubeClients.build(kubeconfig, context);
  }
}
