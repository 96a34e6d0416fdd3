package io.netplane.config.model;

import java.util.Map;

/**
 * The slim view of a Node the decision core reads; built once per node event, not per request.
 *
 * @param zone null when the node has no zone label
 * @param terwayConfig the {@code terway-config} label (override ConfigMap name), or null
 * @param trunkEniId the {@code k8s.aliyun.com/trunk-on} annotation, or null
 * @param maxAvailableIp the {@code k8s.aliyun.com/max-available-ip} annotation, or null
 * @param insufficientIp condition {@code SufficientIP=False}
 * @param allocatableMemberEni allocatable {@code aliyun/member-eni}, or null when not advertised
 * @param allocatableEni allocatable {@code aliyun/eni}, or null when not advertised
 * @param cordoned {@code spec.unschedulable}: kube-scheduler binds no new pod there (netplane's
 *     rules do not look at it; the offline tools show it)
 * @param annotatedLimits ENI limits from the {@code alibabacloud.com/instance-type-info} annotation
 *     when it describes the node's own instance type (Terway reads them before asking the cloud),
 *     or null
 */
public record NodeView(
    String name,
    String zone,
    Map<String, String> labels,
    String instanceType,
    String terwayConfig,
    boolean eniOnly,
    boolean virtual,
    String trunkEniId,
    Integer maxAvailableIp,
    boolean insufficientIp,
    Long allocatableMemberEni,
    Long allocatableEni,
    InstanceType annotatedLimits,
    boolean cordoned) {

  public NodeView {
    labels = Map.copyOf(labels);
  }
}
