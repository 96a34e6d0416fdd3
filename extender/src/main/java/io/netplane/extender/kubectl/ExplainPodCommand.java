package io.netplane.extender.kubectl;

import io.netplane.extender.cli.Report;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** One pod's decision, node by node, as the running extender makes it now. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Explain, node by node, where a pod can go and why not elsewhere, as the running extender decides it now.")
final class ExplainPodCommand extends PluginCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod: NAME, or NAMESPACE/NAME.")
  String pod;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the pod. Default: the kubeconfig context's, else default.")
  String namespace;

  @Mixin ExtenderOptions extender;

  @Override
  int run() {
    int slash = pod.indexOf('/');
    String name = pod.substring(slash + 1);
    String ns = slash < 0 ? null : pod.substring(0, slash);
    if (name.isEmpty() || name.contains("/") || (ns != null && ns.isEmpty())) {
      throw new ParameterException(
          spec.commandLine(), "POD must be NAME or NAMESPACE/NAME, got '" + pod + "'");
    }
    if (ns != null && namespace != null && !ns.equals(namespace)) {
      throw new ParameterException(
          spec.commandLine(),
          "pod " + pod + " is in namespace " + ns + " but -n says " + namespace);
    }
    String podNamespace = ns != null ? ns : namespaceOr(namespace);
    try (ExtenderConnection extender = ExtenderConnection.open(kube(), this.extender)) {
      String query = query(podNamespace, name);
      if (structured()) {
        return print(new Report(() -> extender.getJson(query), () -> "", 0));
      }
      ExtenderConnection.Reply reply =
          extender.get(query + "&output=" + (wide() ? "wide" : "text"));
      if (!reply.ok()) {
        throw new ExtenderConnection.ExtenderException(
            extender.where() + " answered " + reply.status() + ": " + reply.error());
      }
      out().print(reply.body());
      out().flush();
      return 0;
    }
  }

  static String query(String namespace, String pod) {
    return "/explain?namespace="
        + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
        + "&pod="
        + URLEncoder.encode(pod, StandardCharsets.UTF_8);
  }
}
