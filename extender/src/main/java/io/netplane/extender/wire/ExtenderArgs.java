package io.netplane.extender.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * kube-scheduler's {@code ExtenderArgs}: the pod and either {@code NodeNames} ({@code
 * nodeCacheCapable: true}) or {@code Nodes} (a full NodeList).
 *
 * @param nodeNames the names in request order; a name the snapshot knows is the snapshot's own
 *     String
 * @param nodeItems the {@code Nodes.items} objects in Nodes mode (echoed back on filter), else null
 */
public record ExtenderArgs(JsonNode pod, List<String> nodeNames, NodeItems nodeItems) {

  public boolean nodesMode() {
    return nodeItems != null;
  }
}
