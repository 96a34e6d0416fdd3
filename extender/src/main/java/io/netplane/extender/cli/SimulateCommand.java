package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import io.netplane.extender.render.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Decides every pending pod of a static snapshot. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Decide every pod without spec.nodeName in a snapshot directory: network, zones, per-node verdicts and scores, best node.")
final class SimulateCommand extends OfflineCommand {
  @Override
  public Integer call() throws Exception {
    Decider decider = load();
    List<Decision> decisions = new ArrayList<>();
    for (PodView p : decider.snapshot().pods()) {
      if (p.nodeName() == null && !p.finished()) {
        decisions.add(decider.decideAll(p));
      }
    }
    print(
        () -> {
          ArrayNode arr = DecisionJson.JSON.createArrayNode();
          decisions.forEach(d -> arr.add(DecisionJson.decision(d)));
          return arr;
        },
        () ->
            decisions.stream().map(d -> DecisionText.decision(d) + "\n").collect(Collectors.joining())
                + summary(decisions));
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
    return "SUMMARY: " + decisions.size() + " pending pod(s), " + stuck + " with no fit node\n" + t.render("")
        + "netplane's rules only; of kube-scheduler's own filters only cordons are applied (BEST NODE is never"
        + " cordoned): taints, affinity and resources are not evaluated.\n";
  }
}
