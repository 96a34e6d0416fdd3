package io.netplane.agent.plan;

import io.netplane.config.model.Labels;
import java.util.List;

/** The label, annotation and object names the agent reads and writes. */
public final class PoolLabels {
  public static final String TERWAY_CONFIG = Labels.TERWAY_CONFIG;

  /** Node label naming the pool; pool workloads select on it. */
  public static final String POOL = "netplane.io/pool";

  /** ACK puts this label on every node of a node pool. */
  public static final String ACK_NODE_POOL_ID = "alibabacloud.com/nodepool-id";

  /** Annotation on nodes and on the override ConfigMap: which pool owns what the agent set. */
  public static final String OWNER = "netplane.io/owner-pool";

  /** Annotation: label keys the pool set (comma separated), so they can be removed later. */
  public static final String OWNED_LABELS = "netplane.io/owned-labels";

  /** Annotation: the taint the pool set, {@code key=value:Effect}. */
  public static final String OWNED_TAINT = "netplane.io/owned-taint";

  /** Annotation on the override ConfigMap: the {@code eni_conf} keys the pool owns. */
  public static final String OWNED_ENI_CONF_KEYS = "netplane.io/owned-eni-conf-keys";

  /**
   * Annotation on a ConfigMap the pool adopted (spec.adoptConfigMap): the {@code eni_conf} keys it
   * took over, as they were (a JSON object), so that deleting the pool gives them back and keeps
   * the ConfigMap.
   */
  public static final String ADOPTED = "netplane.io/adopted-eni-conf";

  /**
   * Annotation on a node that had ENIs before it got the override: the fact outlives the labelling,
   * so the node keeps being reported until it is replaced.
   */
  public static final String RECYCLE = "netplane.io/recycle-required";

  /** The annotations the agent puts on an override ConfigMap, removed when it gives one back. */
  public static final List<String> CONFIG_MAP_ANNOTATIONS =
      List.of(OWNER, OWNED_ENI_CONF_KEYS, OWNED_LABELS, OWNED_TAINT, ADOPTED);

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "netplane";
  public static final String NAMESPACE = "kube-system";
  public static final String ENI_CONF = "eni_conf";

  private PoolLabels() {}
}
