package io.netplane.config.model;

/** Label, annotation and resource names Terway and Kubernetes define. */
public final class Labels {
  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String ZONE_LEGACY = "failure-domain.beta.kubernetes.io/zone";
  public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
  public static final String INSTANCE_TYPE_LEGACY = "beta.kubernetes.io/instance-type";
  public static final String TERWAY_CONFIG = "terway-config";
  public static final String EXCLUSIVE_ENI_MODE = "k8s.aliyun.com/exclusive-mode-eni-type";
  public static final String VIRTUAL_NODE_TYPE = "type";
  public static final String IGNORE_BY_TERWAY = "k8s.aliyun.com/ignore-by-terway";
  public static final String POD_ENI = "k8s.aliyun.com/pod-eni";

  public static final String POD_NETWORKS = "k8s.aliyun.com/pod-networks";
  public static final String POD_NETWORKS_REQUEST = "k8s.aliyun.com/pod-networks-request";
  public static final String POD_NETWORKING = "k8s.aliyun.com/pod-networking";
  public static final String TRUNK_ON = "k8s.aliyun.com/trunk-on";
  public static final String MAX_AVAILABLE_IP = "k8s.aliyun.com/max-available-ip";
  public static final String INSTANCE_TYPE_INFO = "alibabacloud.com/instance-type-info";

  public static final String MEMBER_ENI_RESOURCE = "aliyun/member-eni";
  public static final String ENI_RESOURCE = "aliyun/eni";

  public static final String BASE_ENI_CONFIG = "eni-config";

  private Labels() {}
}
