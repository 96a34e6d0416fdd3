package io.netplane.config.model;

import java.util.List;

/**
 * Terway's pod annotations that choose a network, already parsed.
 *
 * @param podNetworks {@code k8s.aliyun.com/pod-networks}, or null when absent
 * @param requestedNetworks PodNetworking names of {@code k8s.aliyun.com/pod-networks-request}, or
 *     null
 * @param podNetworking {@code k8s.aliyun.com/pod-networking}, or null
 * @param parseError what is wrong with an annotation that does not parse, or null
 */
public record NetworkAnnotations(
    List<NetworkSpec> podNetworks,
    List<String> requestedNetworks,
    String podNetworking,
    String parseError) {

  public static final NetworkAnnotations NONE = new NetworkAnnotations(null, null, null, null);
}
