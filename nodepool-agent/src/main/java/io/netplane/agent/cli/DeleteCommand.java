package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.model.FixedCidrPool;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Removes what the pools own, unless the controller keeps them. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Remove what the pools set: the override ConfigMap (when the pool owns it), node labels, taints and annotations, the ACK node pool's labels and taint. Never deletes nodes or node pools. Refused while a FixedCidrPool object of the same name exists in the cluster: the run controller would apply it again; delete that object instead (kubectl delete fcp NAME), the controller then removes the same things. Exit code 0: deleted, 1: error or refused.")
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
    List<FixedCidrPool> pools = files.read();
    PrintWriter err = spec.commandLine().getErr();
    try (KubernetesClient client = cluster.kubernetes(connections)) {
      FixedCidrPools stored = new FixedCidrPools(client);
      boolean refused = false;
      for (FixedCidrPool p : pools) {
        String why = refusal(stored, p.name());
        if (why != null) {
          err.printf("[%s] error: %s%n", p.name(), why);
          refused = true;
        }
      }
      if (refused) {
        err.println("nothing deleted");
        err.flush();
        return 1;
      }
    }
    ApplyCommand apply = new ApplyCommand(connections, true);
    apply.files = files;
    apply.cluster = cluster;
    apply.spec = spec;
    return apply.call();
  }

  /** Why the pool must not be deleted from a file, or null. */
  private static String refusal(FixedCidrPools stored, String name) {
    try {
      if (stored.exists(name)) {
        return "FixedCidrPool "
            + name
            + " exists in the cluster and the run controller would apply it again; "
            + "delete the object instead: kubectl delete fcp "
            + name
            + " (the controller then removes what the pool set and nothing else)";
      }
      return null;
    } catch (KubernetesClientException e) {
      return "cannot tell whether FixedCidrPool "
          + name
          + " exists in the cluster (HTTP "
          + e.getCode()
          + ": "
          + e.getMessage()
          + "); nothing is deleted while it may";
    }
  }
}
