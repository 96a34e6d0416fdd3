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

/** Options shared by every command that decides from a snapshot (a directory or a live cluster). */
public final class SnapshotOptions {
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

  /** The instant TTLs are evaluated at: {@code --now}, else the current time. */
  public Instant at() {
    return now != null ? now : Clock.systemUTC().instant();
  }

  /** Loads the directory and prints its warnings and a one-line summary to {@code err}. */
  Decider load(Path dir, PrintWriter err) {
    return decider(SnapshotLoader.load(dir, at()), "file(s) in " + dir, err);
  }

  /**
   * A decider over what was loaded; prints the warnings and a one-line summary to {@code err}.
   *
   * @param from where the documents came from, after their count (e.g. "file(s) in DIR")
   */
  public Decider decider(LoadReport report, String from, PrintWriter err) {
    report.warnings().forEach(w -> err.println("warning: " + w));
    err.printf(
        "loaded %s from %d %s%s%n",
        summary(report.loaded()),
        report.files(),
        from,
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
