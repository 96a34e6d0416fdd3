package io.netplane.agent.cli;

import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.ClusterObserver;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Where the cluster and the cloud are (shared by every command). */
final class ClusterOptions {
  @Option(names = "--kubeconfig", paramLabel = "PATH", description = "kubeconfig of the cluster (default: KUBECONFIG, ~/.kube/config or in-cluster).")
  Path kubeconfig;

  @Option(names = "--cluster-id", paramLabel = "ID", description = "ACK cluster id (needed for pools with spec.nodePool.id or .create).")
  String clusterId;

  @Option(names = "--region", paramLabel = "REGION", description = "Alibaba Cloud region (credentials from the default chain: environment, ACK RRSA, ECS RAM role).")
  String region;

  @Option(names = "--vpc", paramLabel = "VPC_ID", description = "The cluster's VPC; vSwitches outside it are errors.")
  String vpc;

  @Option(names = "--cloud-endpoint", paramLabel = "HOST:PORT", description = "One endpoint for every cloud API (a VPC endpoint or a local test server).")
  String cloudEndpoint;

  @Option(names = "--cloud-protocol", defaultValue = "HTTPS", description = "HTTPS or HTTP (HTTP only with --cloud-endpoint). Default: ${DEFAULT-VALUE}.")
  CloudConfig.Protocol cloudProtocol;

  @Option(names = "--parallelism", defaultValue = "16", description = "Nodes patched at once. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  KubernetesClient kubernetes(Connections connections) {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new ParameterException(spec.commandLine(), "--kubeconfig " + kubeconfig + " is not a readable file");
    }
    return connections.kubernetes(kubeconfig);
  }

  boolean hasCloud() {
    return region != null;
  }

  Cloud cloud(Connections connections) {
    if (region == null) {
      throw new ParameterException(spec.commandLine(), "--region is required: vSwitch zones, CIDRs and free IPs come from the VPC API");
    }
    CloudConfig.Builder config = CloudConfig.builder(region).protocol(cloudProtocol);
    if (cloudEndpoint != null) {
      config.endpoint(cloudEndpoint);
    }
    AlibabaCloudClients clients = connections.cloud(config.build());
    return new Cloud(clients.inventory(), clients.nodePools(), clusterId, vpc);
  }

  PoolApplier applier(KubernetesClient client, Cloud cloud) {
    KubeCluster kube = new KubeCluster(client);
    Backoff backoff = Backoff.standard();
    return new PoolApplier(kube, cloud, new ClusterObserver(kube, cloud, backoff, Clock.systemUTC()), backoff, parallelism);
  }
}
