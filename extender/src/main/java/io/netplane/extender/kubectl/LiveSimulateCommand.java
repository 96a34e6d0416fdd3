package io.netplane.extender.kubectl;

import io.netplane.config.rules.Decider;
import io.netplane.extender.cli.Report;
import io.netplane.extender.cli.SimulateCommand;
import picocli.CommandLine.Command;

/** {@code simulate} over the live cluster. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Decide every pod without spec.nodeName of the live cluster as netplane would now: network, zones, per-node verdicts and scores, best node. The cluster is read through your kubeconfig, the cloud inventory from the running extender (or --inventory DIR).")
final class LiveSimulateCommand extends LiveCommand {
  @Override
  Report report(Decider decider, boolean wide) {
    return SimulateCommand.simulate(decider, wide);
  }
}
