package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import java.nio.file.Path;

/** How the CLI reaches the cluster and the cloud; tests swap it for the mock and the fake. */
public interface Connections {
  KubernetesClient kubernetes(Path kubeconfig);

  AlibabaCloudClients cloud(CloudConfig config);

  /** kubeconfig (or in-cluster / KUBECONFIG when none), and the default credential chain. */
  Connections REAL = new Connections() {
    @Override
    public KubernetesClient kubernetes(Path kubeconfig) {
      return kubeconfig != null
          ? new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build()
          : new KubernetesClientBuilder().build();
    }

    @Override
    public AlibabaCloudClients cloud(CloudConfig config) {
      return AlibabaCloudClients.create(config);
    }
  };
}
