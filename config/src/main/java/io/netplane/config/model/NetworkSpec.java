package io.netplane.config.model;

import java.util.List;

/**
 * The part of a network a pod's IP is drawn from: the PodNetworking spec or one entry of an
 * explicit {@code k8s.aliyun.com/pod-networks} annotation.
 */
public record NetworkSpec(
    List<String> vSwitchIds,
    List<String> securityGroupIds,
    EniType eniType,
    Allocation allocation,
    SelectionPolicy selectionPolicy) {

  public NetworkSpec {
    vSwitchIds = List.copyOf(vSwitchIds);
    securityGroupIds = List.copyOf(securityGroupIds);
  }
}
