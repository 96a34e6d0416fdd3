package io.netplane.extender.cli;

import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Every node's verdict for one pod, with all reasons. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain, node by node, where one pod of a snapshot can go and why not elsewhere.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Snapshot directory.")
  Path dir;

  @Option(names = "--pod", required = true, paramLabel = "NS/NAME", description = "The pod, as namespace/name.")
  String pod;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String[] parts = pod.split("/", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--pod must be NAMESPACE/NAME, got '" + pod + "'");
    }
    Decider decider = snapshot.load(dir, spec.commandLine().getErr());
    PodView view = decider.snapshot().pod(parts[0], parts[1]);
    if (view == null) {
      spec.commandLine().getErr().println("error: pod " + pod + " is not in " + dir);
      return 1;
    }
    Decision d = decider.decideAll(view);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        output == OutputFormat.json
            ? DecisionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(DecisionJson.decision(d)) + "\n"
            : DecisionText.decision(d));
    out.flush();
    return 0;
  }
}
