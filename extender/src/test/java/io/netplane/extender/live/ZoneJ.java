package io.netplane.extender.live;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.util.List;
import java.util.Map;

/** One zone, cn-hangzhou-j, whose only vSwitch is vsw-j, in fabric8's mock API server. */
final class ZoneJ {
  private ZoneJ() {}

  /** The default namespace, the base eni-config naming vsw-j, and these nodes in zone j. */
  static void create(KubernetesClient client, List<String> nodes) {
    MockClusters.base(client, "{\"vswitches\":{\"cn-hangzhou-j\":[\"vsw-j\"]}}");
    for (String n : nodes) {
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(n)
                  .addToLabels("topology.kubernetes.io/zone", "cn-hangzhou-j")
                  .addToAnnotations("k8s.aliyun.com/max-available-ip", "100")
                  .endMetadata()
                  .build())
          .create();
    }
  }

  /** vsw-j with this many free IPs; the nodes' instance type. */
  static Inventory inventory(long freeIps) {
    return Inventory.fixed(
        Map.of("vsw-j", new VSwitch("vsw-j", "cn-hangzhou-j", "10.0.9.0/24", "vpc-1", freeIps)),
        Map.of("ecs.g7.xlarge", new InstanceType("ecs.g7.xlarge", 4, 15, 14, true)));
  }

  /** Empties what {@link #create} made, and the pods: the mock API server outlives a test. */
  static void delete(KubernetesClient client) {
    client.pods().inAnyNamespace().delete();
    client.nodes().delete();
    client.configMaps().inAnyNamespace().delete();
    client.namespaces().delete();
  }
}
