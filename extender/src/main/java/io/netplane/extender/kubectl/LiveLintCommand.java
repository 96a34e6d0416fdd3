package io.netplane.extender.kubectl;

import io.netplane.config.rules.Decider;
import io.netplane.extender.cli.LintCommand;
import io.netplane.extender.cli.Report;
import picocli.CommandLine.Command;

/** {@code lint} over the live cluster. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description =
        "Report configuration problems of the live cluster that will hurt scheduling or IP allocation (conflicting PodNetworkings, misused fixed IPs, thin vSwitches...). The cluster is read through your kubeconfig, the cloud inventory from the running extender (or --inventory DIR). Exit code 1 when any ERROR is found.")
final class LiveLintCommand extends LiveCommand {
  @Override
  Report report(Decider decider, boolean wide) {
    return LintCommand.lint(decider, wide);
  }
}
