package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.cli.OutputOption;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that reads a snapshot directory and prints a table, a wide table, JSON or YAML. */
abstract class OfflineCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Snapshot directory (kubectl -o yaml/json output and cloud API responses).")
  Path dir;

  @Mixin OutputOption output;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  Decider load() {
    return snapshot.load(dir, spec.commandLine().getErr());
  }

  /** The decisions for every pod that waits for a node: not bound, not finished. */
  static List<Decision> pendingDecisions(Decider decider) {
    List<Decision> decisions = new ArrayList<>();
    for (PodView p : decider.snapshot().pods()) {
      if (p.nodeName() == null && !p.finished()) {
        decisions.add(decider.decideAll(p));
      }
    }
    return decisions;
  }

  /** Whether the table should show its extra columns ({@code -o wide}). */
  boolean wide() {
    return output.wide();
  }

  /** Prints {@code tree} as JSON or YAML, or {@code table} (which reads {@link #wide()}). */
  void print(Supplier<JsonNode> tree, Supplier<String> table) {
    print(new Report(tree, table, 0));
  }

  /** Prints the report in the format of {@code -o}; returns its exit code. */
  int print(Report report) {
    return report.print(output.format(), spec.commandLine().getOut());
  }
}
