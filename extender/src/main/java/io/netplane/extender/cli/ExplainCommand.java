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
    description = "Explain, node by node, where one pod of a snapshot can go and why not elsewhere.")
final class ExplainCommand extends OfflineCommand {
  @Option(names = "--pod", required = true, paramLabel = "NS/NAME", description = "The pod, as namespace/name.")
  String pod;

  @Override
  public Integer call() throws Exception {
    String[] parts = pod.split("/", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--pod must be NAMESPACE/NAME, got '" + pod + "'");
    }
    Decider decider = load();
    PodView view = decider.snapshot().pod(parts[0], parts[1]);
    if (view == null) {
      spec.commandLine().getErr().println("error: pod " + pod + " is not in " + dir);
      return 1;
    }
    Decision d = decider.decideAll(view);
    print(() -> DecisionJson.decision(d), () -> DecisionText.decision(d));
    return 0;
  }
}
