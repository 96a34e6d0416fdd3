package io.netplane.extender.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cli.KubeOptions;
import io.netplane.config.cli.OutputOption;
import io.netplane.extender.cli.Report;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code kubectl netplane} command: the cluster of the user's kubeconfig, output as asked. */
abstract class PluginCommand implements Callable<Integer> {
  @Mixin KubeOptions cluster;
  @Mixin OutputOption output;

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
      kube = cluster.client();
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
    return output.wide();
  }

  /** Whether {@code -o} asks for JSON or YAML. */
  boolean structured() {
    return output.format().structured();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  int print(Report report) {
    return report.print(output.format(), out());
  }
}
