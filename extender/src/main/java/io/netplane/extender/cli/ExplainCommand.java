package io.netplane.extender.cli;

import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Every node's verdict for one pod, with all reasons. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Explain, node by node, where one pod of a snapshot can go and why not elsewhere.")
final class ExplainCommand extends OfflineCommand {
  /** kubectl's namespace when neither -n nor the pod names one. */
  static final String DEFAULT_NAMESPACE = "default";

  @Option(
      names = "--pod",
      required = true,
      paramLabel = "[NS/]NAME",
      description = "The pod: NAME in the namespace of -n, or NAMESPACE/NAME.")
  String pod;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the pod. Default: " + DEFAULT_NAMESPACE + ".")
  String namespace;

  @Override
  public Integer call() throws Exception {
    String[] key = podKey();
    Decider decider = load();
    PodView view = decider.snapshot().pod(key[0], key[1]);
    if (view == null) {
      spec.commandLine()
          .getErr()
          .println("error: pod " + key[0] + "/" + key[1] + " is not in " + dir);
      return 1;
    }
    Decision d = decider.decideAll(view);
    print(() -> DecisionJson.decision(d), () -> DecisionText.decision(d, wide()));
    return 0;
  }

  /** Namespace and name of --pod and -n; a usage error when they disagree or a part is empty. */
  private String[] podKey() {
    int slash = pod.indexOf('/');
    String ns =
        slash < 0 ? (namespace != null ? namespace : DEFAULT_NAMESPACE) : pod.substring(0, slash);
    String name = pod.substring(slash + 1);
    if (ns.isEmpty()
        || name.isEmpty()
        || name.contains("/")
        || (namespace != null && namespace.isEmpty())) {
      throw new ParameterException(
          spec.commandLine(),
          "--pod must be NAME (with -n NAMESPACE) or NAMESPACE/NAME, got '" + pod + "'");
    }
    if (namespace != null && !namespace.equals(ns)) {
      throw new ParameterException(
          spec.commandLine(),
          "--pod " + pod + " is in namespace " + ns + " but -n says " + namespace);
    }
    return new String[] {ns, name};
  }
}
