package io.netplane.extender.cli;

import io.netplane.config.lint.Finding;
import io.netplane.config.lint.Linter;
import io.netplane.config.rules.Decider;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import io.netplane.extender.render.HtmlReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Configuration problems that will hurt scheduling or IP allocation. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description =
        "Report conflicting PodNetworkings, misused fixed IPs, security-group limits, short TTLs, empty zones, thin vSwitches and EIP pitfalls. Exit code 1 when any ERROR is found. --report adds the findings to the HTML report.")
public final class LintCommand extends OfflineCommand {
  @Mixin ReportOption report;

  @Override
  public Integer call() throws Exception {
    Decider decider = load();
    List<Finding> findings = Linter.lint(decider.snapshot(), decider.resolver());
    if (report.requested()) {
      report.write(
          HtmlReport.render(decider, pendingDecisions(decider), findings, dir.toString()),
          spec.commandLine().getErr());
    }
    return print(lint(findings, wide()));
  }

  /** The findings; exit code 1 when any is an ERROR. */
  public static Report lint(Decider decider, boolean wide) {
    return lint(Linter.lint(decider.snapshot(), decider.resolver()), wide);
  }

  private static Report lint(List<Finding> findings, boolean wide) {
    return new Report(
        () -> DecisionJson.findings(findings),
        () -> DecisionText.findings(findings, wide),
        findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? 1 : 0);
  }
}
