package io.netplane.extender.live;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.fixtures.KubeFixtures;
import io.netplane.extender.server.ExtenderMetrics;

/** What the live tests' mock API servers start from, and what their clusters' metrics show. */
final class MockClusters {
  private MockClusters() {}

  /** The default namespace, and the base eni-config whose {@code eni_conf} is {@code eniConf}. */
  static void base(KubernetesClient client, String eniConf) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace("kube-system")
        .resource(KubeFixtures.eniConfig("eni-config", eniConf))
        .create();
  }

  /** The cluster's series as a new registry of a running extender's scrape shows them. */
  static String scrape(LiveCluster cluster) {
    ExtenderMetrics metrics = new ExtenderMetrics();
    LiveMetrics.bind(metrics, cluster);
    return metrics.scrape();
  }
}
