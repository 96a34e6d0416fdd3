package io.netplane.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Removes what the pools own. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Remove what the pools set: the override ConfigMap (when the pool owns it), node labels, taints and annotations, the ACK node pool's labels and taint. Never deletes nodes or node pools.")
final class DeleteCommand implements Callable<Integer> {
  @Mixin PoolFiles files;
  @Mixin ClusterOptions cluster;
  @Spec CommandSpec spec;
  private final Connections connections;

  DeleteCommand(Connections connections) {
    this.connections = connections;
  }

  @Override
  public Integer call() {
    ApplyCommand apply = new ApplyCommand(connections, true);
    apply.files = files;
    apply.cluster = cluster;
    apply.spec = spec;
    return apply.call();
  }
}
