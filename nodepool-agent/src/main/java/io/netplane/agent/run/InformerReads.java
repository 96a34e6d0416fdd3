package io.netplane.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.kube.KubeReads;
import io.netplane.agent.plan.ConfigMapState;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes as the controller's informers hold it: a reconcile reads nodes, the kube-system
 * ConfigMaps and the pods of a few nodes (an index by {@code spec.nodeName}) without a request.
 */
final class InformerReads implements KubeReads {
  /** The pod index: the node a pod is bound to (pending pods are in none). */
  static final String BY_NODE = "spec.nodeName";

  private final KubeCluster kube;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SharedIndexInformer<Pod> pods;

  InformerReads(
      KubeCluster kube,
      SharedIndexInformer<Node> nodes,
      SharedIndexInformer<ConfigMap> configMaps,
      SharedIndexInformer<Pod> pods) {
    this.kube = kube;
    this.nodes = nodes;
    this.configMaps = configMaps;
    this.pods = pods;
  }

  static List<String> nodeOf(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null || node.isEmpty() ? List.of() : List.of(node);
  }

  @Override
  public List<ObservedNode> nodes() {
    return nodes.getStore().list().stream().map(kube::node).toList();
  }

  @Override
  public ConfigMapState configMap(String name) {
    ConfigMap cm = configMaps.getStore().getByKey(PoolLabels.NAMESPACE + "/" + name);
    return cm == null ? null : KubeCluster.state(cm);
  }

  @Override
  public List<PodView> podsOn(Set<String> nodeNames) {
    List<PodView> out = new ArrayList<>();
    for (String node : nodeNames) {
      for (Pod p : pods.getIndexer().byIndex(BY_NODE, node)) {
        out.add(
            KubeObjects.pod(
                kube.client().getKubernetesSerialization().convertValue(p, JsonNode.class)));
      }
    }
    return out;
  }
}
