package io.netplane.agent.kube;

import io.netplane.agent.plan.ConfigMapState;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.config.model.PodView;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes objects an observation reads: from the API server ({@code KubeCluster}) or from
 * the controller's informer caches.
 */
public interface KubeReads {
  List<ObservedNode> nodes();

  /** A kube-system ConfigMap, or null. */
  ConfigMapState configMap(String name);

  /** Pods bound to any of {@code nodeNames} (pending pods are bound to none). */
  List<PodView> podsOn(Set<String> nodeNames);
}
