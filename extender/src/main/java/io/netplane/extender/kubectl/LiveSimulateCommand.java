package io.netplane.extender.kubectl;

import io.netplane.extender.cli.SimulateCommand;
import io.netplane.extender.cli.SnapshotOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code simulate} over the live cluster. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Decide every pod without spec.nodeName of the live cluster as netplane would now: network, zones, per-node verdicts and scores, best node. The cluster is read through your kubeconfig, the cloud inventory from the running extender (or --inventory DIR).")
final class LiveSimulateCommand extends PluginCommand {
  @Mixin SnapshotOptions snapshot;
  @Mixin LiveSnapshot live;
  @Mixin ExtenderOptions extender;

  @Override
  int run() {
    return print(SimulateCommand.simulate(live.load(kube(), extender, snapshot, err()), wide()));
  }
}
