package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;

/**
 * What a fixed-CIDR pool should be.
 *
 * @param nodePool the nodes: an existing ACK node pool, one to create, or a node selector
 * @param podVSwitchIds vSwitches the pool's pods draw their IPs from (zones come from the VPC API)
 * @param securityGroupIds security groups of the pods' ENIs; null keeps the base eni-config's
 * @param configMapName the override ConfigMap in kube-system; null for {@code eni-config-<pool>}
 * @param adoptConfigMap true to take over an existing {@code configMapName} that netplane did not
 *     create (it must hold {@code eni_conf}); null or false refuses to touch it
 * @param taint keeps other workloads off; null for {@code netplane.io/pool=<pool>:NoSchedule}
 * @param labels extra node labels
 * @param expectedPods how many pods the pool will run (the vSwitches need twice as many free IPs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixedCidrPoolSpec(
    NodePoolRef nodePool,
    List<String> podVSwitchIds,
    List<String> securityGroupIds,
    String configMapName,
    Boolean adoptConfigMap,
    NodeTaint taint,
    Map<String, String> labels,
    Integer expectedPods) {}
