package io.netplane.extender.kubectl;

import io.netplane.config.rules.Decider;
import io.netplane.extender.cli.Report;
import io.netplane.extender.cli.SnapshotOptions;
import picocli.CommandLine.Mixin;

/** A snapshot command ({@code simulate}, {@code lint}) over the live cluster. */
abstract class LiveCommand extends PluginCommand {
  @Mixin SnapshotOptions snapshot;
  @Mixin LiveSnapshot live;
  @Mixin ExtenderOptions extender;

  /** What the offline command reports on a snapshot directory, here on the live cluster. */
  abstract Report report(Decider decider, boolean wide);

  @Override
  final int run() {
    return print(report(live.load(kube(), extender, snapshot, err()), wide()));
  }
}
