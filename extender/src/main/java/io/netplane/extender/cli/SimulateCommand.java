package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import io.netplane.extender.render.TextTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Decides every pending pod of a static snapshot. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Decide every pod without spec.nodeName in a snapshot directory: network, zones, per-node verdicts and scores, best node.")
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Snapshot directory (kubectl -o yaml/json output and cloud API responses).")
  Path dir;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Decider decider = snapshot.load(dir, spec.commandLine().getErr());
    List<Decision> decisions = new ArrayList<>();
    for (PodView p : decider.snapshot().pods()) {
      if (p.nodeName() == null && !p.finished()) {
        decisions.add(decider.decideAll(p));
      }
    }
    if (output == OutputFormat.json) {
      ArrayNode arr = DecisionJson.JSON.createArrayNode();
      decisions.forEach(d -> arr.add(DecisionJson.decision(d)));
      out.println(DecisionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
    } else {
      decisions.forEach(d -> out.println(DecisionText.decision(d)));
      out.print(summary(decisions));
    }
    out.flush();
    return 0;
  }

  private static String summary(List<Decision> decisions) {
    TextTable t = new TextTable("PENDING POD", "NETWORK", "FIT NODES", "BEST NODE");
    long stuck = 0;
    for (Decision d : decisions) {
      String network =
          d.resolution().networks().isEmpty()
              ? d.resolution().kind().name()
              : d.resolution().kind() + " " + d.resolution().networks().get(0).name();
      t.row(d.pod().key(), network, d.fitCount() + "/" + d.nodes().size(), d.best().map(b -> b.node()).orElse("-"));
      stuck += d.fitCount() == 0 ? 1 : 0;
    }
    return "SUMMARY: " + decisions.size() + " pending pod(s), " + stuck + " with no fit node\n" + t.render("");
  }
}
