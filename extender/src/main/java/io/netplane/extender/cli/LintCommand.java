package io.netplane.extender.cli;

import io.netplane.config.lint.Finding;
import io.netplane.config.lint.Linter;
import io.netplane.config.rules.Decider;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import java.util.List;
import picocli.CommandLine.Command;

/** Configuration problems that will hurt scheduling or IP allocation. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description =
        "Report conflicting PodNetworkings, misused fixed IPs, security-group limits, short TTLs, empty zones, thin vSwitches and EIP pitfalls. Exit code 1 when any ERROR is found.")
public final class LintCommand extends OfflineCommand {
  @Override
  public Integer call() throws Exception {
    return print(lint(load(), wide()));
  }

  /** The findings; exit code 1 when any is an ERROR. */
  public static Report lint(Decider decider, boolean wide) {
    List<Finding> findings = Linter.lint(decider.snapshot(), decider.resolver());
    return new Report(
        () -> DecisionJson.findings(findings),
        () -> DecisionText.findings(findings, wide),
        findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? 1 : 0);
  }
}
