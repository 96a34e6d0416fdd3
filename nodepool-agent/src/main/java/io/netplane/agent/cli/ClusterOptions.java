package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.ClusterObserver;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudInventory;
import io.netplane.config.cloud.CloudOptions;
import io.netplane.config.cloud.NodePools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the cluster and the cloud are (shared by every command). */
final class ClusterOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "kubeconfig of the cluster (default: KUBECONFIG, ~/.kube/config or in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "kubeconfig context to use (default: the kubeconfig's current context).")
  String context;

  @Option(
      names = "--cluster-id",
      paramLabel = "ID",
      description = "ACK cluster id (needed for pools with spec.nodePool.id or .create).")
  String clusterId;

  @Mixin CloudOptions cloudOptions;

  @Option(
      names = "--parallelism",
      defaultValue = "16",
      description = "Nodes patched at once. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  KubernetesClient kubernetes(Connections connections) {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new ParameterException(
          spec.commandLine(), "--kubeconfig " + kubeconfig + " is not a readable file");
    }
    return connections.kubernetes(kubeconfig, context);
  }

  boolean hasCloud() {
    return cloudOptions.hasRegion();
  }

  Cloud cloud(Connections connections) {
    if (!cloudOptions.hasRegion()) {
      throw new ParameterException(
          spec.commandLine(),
          "--region is required: vSwitch zones, CIDRs and free IPs come from the VPC API");
    }
    AlibabaCloudClients clients = connections.cloud(cloudOptions.config());
    return cloud(clients.inventory(), clients.nodePools());
  }

  /** A cloud answered by {@code inventory} and {@code nodePools}, for this cluster and VPC. */
  Cloud cloud(CloudInventory inventory, NodePools nodePools) {
    return new Cloud(inventory, nodePools, clusterId, cloudOptions.vpc());
  }

  PoolApplier applier(KubernetesClient client, Cloud cloud) {
    KubeCluster kube = new KubeCluster(client);
    Backoff backoff = Backoff.standard();
    return new PoolApplier(
        kube,
        cloud,
        new ClusterObserver(kube, cloud, backoff, Clock.systemUTC()),
        backoff,
        parallelism);
  }
}
