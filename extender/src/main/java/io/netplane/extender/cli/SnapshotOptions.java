package io.netplane.extender.cli;

import io.netplane.config.load.LoadReport;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.ScoringStrategy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a static snapshot. */
final class SnapshotOptions {
  @Option(
      names = "--now",
      description =
          "Instant fixed-IP TTLs are evaluated at (ISO-8601, e.g. 2026-11-23T12:00:00Z). Default: the current time.")
  Instant now;

  @Option(
      names = "--scoring",
      defaultValue = "spread",
      description =
          "ENI-slot scoring: spread (prefer free slots) or pack. Default: ${DEFAULT-VALUE}.")
  ScoringStrategy scoring;

  @Option(
      names = "--unknown-capacity",
      defaultValue = "allow",
      description =
          "When free IPs or ENI slots are unknown: allow (pass the node with a note) or reject (hold the pod back). Default: ${DEFAULT-VALUE}.")
  DecisionOptions.UnknownCapacity unknownCapacity;

  DecisionOptions decisionOptions() {
    return new DecisionOptions(scoring, unknownCapacity);
  }

  /** Loads the directory and prints its warnings and a one-line summary to {@code err}. */
  Decider load(Path dir, PrintWriter err) {
    Instant at = now != null ? now : Clock.systemUTC().instant();
    LoadReport report = SnapshotLoader.load(dir, at);
    report.warnings().forEach(w -> err.println("warning: " + w));
    err.printf(
        "loaded %s from %d file(s) in %s%s%n",
        summary(report.loaded()),
        report.files(),
        dir,
        report.skipped().isEmpty() ? "" : "; skipped " + summary(report.skipped()));
    return new Decider(report.snapshot(), decisionOptions(), null);
  }

  private static String summary(Map<String, Integer> counts) {
    return counts.isEmpty()
        ? "nothing"
        : counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
  }
}
