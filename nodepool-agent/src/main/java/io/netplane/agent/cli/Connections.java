package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cli.KubeClients;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudConfig;
import java.nio.file.Path;

/** How the CLI reaches the cluster and the cloud; tests swap it for the mock and the fake. */
public interface Connections {
  /**
   * @param kubeconfig the kubeconfig file, or null for KUBECONFIG, ~/.kube/config or in-cluster
   * @param context the kubeconfig context to use, or null for its current context
   */
  KubernetesClient kubernetes(Path kubeconfig, String context);

  AlibabaCloudClients cloud(CloudConfig config);

  /** kubeconfig (or in-cluster / KUBECONFIG when none), and the default credential chain. */
  Connections REAL =
      new Connections() {
        @Override
        public KubernetesClient kubernetes(Path kubeconfig, String context) {
          return KubeClients.build(kubeconfig, context);
        }

        @Override
        public AlibabaCloudClients cloud(CloudConfig config) {
          return AlibabaCloudClients.create(config);
        }
      };
}
