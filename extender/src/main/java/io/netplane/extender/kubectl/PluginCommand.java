package io.netplane.extender.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cli.KubeClients;
import io.netplane.config.cli.OutputFormat;
import io.netplane.extender.cli.Report;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A {@code kubectl netplane} command: the cluster of the user's kubeconfig, output as asked. */
abstract class PluginCommand implements Callable<Integer> {
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

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = OutputFormat.DESCRIPTION)
  OutputFormat output;

  @Spec CommandSpec spec;

  private KubernetesClient kube;

  @Override
  public final Integer call() {
    try {
      return run();
    } finally {
      if (kube != null) {
        kube.close();
      }
    }
  }

  abstract int run();

  /** The client of {@code --kubeconfig} and {@code --context}, built once. */
  KubernetesClient kube() {
    if (kube == null) {
      if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException(
            "--kubeconfig " + kubeconfig + " is not a readable file");
      }
      kube = KubeClients.build(kubeconfig, context);
    }
    return kube;
  }

  /** The namespace of {@code -n}, else the kubeconfig context's, else default (as kubectl). */
  String namespaceOr(String given) {
    if (given != null) {
      return given;
    }
    String ns = kube().getNamespace();
    return ns != null && !ns.isEmpty() ? ns : "default";
  }

  boolean wide() {
    return output == OutputFormat.wide;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  int print(Report report) {
    return report.print(output, out());
  }
}
