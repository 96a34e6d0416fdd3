package io.netplane.extender.cli;

import io.netplane.config.lint.Finding;
import io.netplane.config.lint.Linter;
import io.netplane.config.rules.Decider;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Configuration problems that will hurt scheduling or IP allocation. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Report conflicting PodNetworkings, misused fixed IPs, security-group limits, short TTLs, empty zones, thin vSwitches and EIP pitfalls. Exit code 1 when any ERROR is found.")
final class LintCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Snapshot directory.")
  Path dir;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Decider decider = snapshot.load(dir, spec.commandLine().getErr());
    List<Finding> findings = Linter.lint(decider.snapshot(), decider.resolver());
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        output == OutputFormat.json
            ? DecisionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(DecisionJson.findings(findings)) + "\n"
            : DecisionText.findings(findings));
    out.flush();
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? 1 : 0;
  }
}
