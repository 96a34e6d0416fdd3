package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netplane.config.cli.TextTable;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.ReasonId;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import io.netplane.extender.render.HtmlReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Decides every pending pod of a static snapshot. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Decide every pod without spec.nodeName in a snapshot directory: network, zones, per-node verdicts and scores, best node.")
public final class SimulateCommand extends OfflineCommand {
  @Mixin ReportOption report;

  @Override
  public Integer call() throws Exception {
    Decider decider = load();
    List<Decision> decisions = pendingDecisions(decider);
    if (report.requested()) {
      report.write(
          HtmlReport.render(decider, decisions, null, dir.toString()), spec.commandLine().getErr());
    }
    return print(simulate(decisions, wide()));
  }

  /** Every pending pod's decision; {@code wide} adds columns to the table. */
  public static Report simulate(Decider decider, boolean wide) {
    return simulate(pendingDecisions(decider), wide);
  }

  private static Report simulate(List<Decision> decisions, boolean wide) {
    return new Report(
        () -> {
          ArrayNode arr = DecisionJson.JSON.createArrayNode();
          decisions.forEach(d -> arr.add(DecisionJson.decision(d)));
          return arr;
        },
        () ->
            decisions.stream()
                    .map(d -> DecisionText.decision(d, wide) + "\n")
                    .collect(Collectors.joining())
                + summary(decisions, wide),
        0);
  }

  /** One row per pending pod; wide adds the zones it may use and why most nodes reject it. */
  private static String summary(List<Decision> decisions, boolean wide) {
    TextTable t =
        wide
            ? new TextTable(
                "PENDING POD", "NETWORK", "FIT NODES", "BEST NODE", "ZONES", "TOP REJECTION")
            : new TextTable("PENDING POD", "NETWORK", "FIT NODES", "BEST NODE");
    long stuck = 0;
    for (Decision d : decisions) {
      String network =
          d.resolution().networks().isEmpty()
              ? d.resolution().kind().name()
              : d.resolution().kind() + " " + d.resolution().networks().get(0).name();
      t.row(
          d.pod().key(),
          network,
          d.fitCount() + "/" + d.nodes().size(),
          d.best().map(b -> b.node()).orElse("-"),
          d.allowedZones() == null ? "any" : String.join(",", new TreeSet<>(d.allowedZones())),
          topRejection(d));
      stuck += d.fitCount() == 0 ? 1 : 0;
    }
    return "SUMMARY: "
        + decisions.size()
        + " pending pod(s), "
        + stuck
        + " with no fit node\n"
        + t.render("")
        + DecisionText.SCHEDULER_SCOPE
        + "\n";
  }

  /**
   * The reason rejecting the most nodes, with how many, e.g. {@code ZoneMismatch 8/12}; "-" when
   * none rejects.
   */
  private static String topRejection(Decision d) {
    Map<ReasonId, Long> counts =
        d.nodes().stream()
            .map(NodeDecision::verdict)
            .filter(v -> v.rejecting() != null)
            .collect(Collectors.groupingBy(v -> v.rejecting().id(), Collectors.counting()));
    return counts.entrySet().stream()
        // ties go to the reason named first alphabetically, so the output is stable
        .max(
            Map.Entry.<ReasonId, Long>comparingByValue()
                .thenComparing(e -> e.getKey().id(), Comparator.reverseOrder()))
        .map(e -> e.getKey().id() + " " + e.getValue() + "/" + d.nodes().size())
        .orElse("-");
  }
}
