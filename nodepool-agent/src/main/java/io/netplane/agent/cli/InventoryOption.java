package io.netplane.agent.cli;

import io.netplane.agent.apply.Cloud;
import io.netplane.config.cloud.RecordedCloud;
import io.netplane.config.load.SnapshotLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --inventory DIR}: the read-only commands answered from recorded cloud responses. */
final class InventoryOption {
  @Option(
      names = "--inventory",
      paramLabel = "DIR",
      description =
          "Instead of the cloud: DescribeVSwitches, DescribeInstanceTypes and DescribeClusterNodePools (with \"cluster_id\") responses recorded in DIR. Excludes --region.")
  Path dir;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  boolean given() {
    return dir != null;
  }

  /** The recorded cloud when {@code --inventory} is given, else the one {@code cluster} names. */
  Cloud cloud(ClusterOptions cluster, Connections connections) {
    if (dir == null) {
      return cluster.cloud(connections);
    }
    if (cluster.hasCloud()) {
      throw new ParameterException(
          spec.commandLine(),
          "--inventory replaces the cloud: give either --inventory or --region, not both");
    }
    if (!Files.isDirectory(dir)) {
      // a path that is not there is an error (1), as for every file the programs read, not bad
      // usage
      throw new IllegalArgumentException("--inventory " + dir + " is not a directory");
    }
    try {
      RecordedCloud recorded = RecordedCloud.load(dir);
      return cluster.cloud(recorded, recorded);
    } catch (SnapshotLoadException e) {
      throw new IllegalArgumentException("--inventory: " + e.getMessage(), e);
    }
  }
}
