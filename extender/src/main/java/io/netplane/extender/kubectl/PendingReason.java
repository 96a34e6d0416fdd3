package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line saying why a pending pod is not scheduled, from the extender's decision ({@code GET
 * /explain}) and kube-scheduler's own message (the pod's PodScheduled condition).
 */
final class PendingReason {
  private PendingReason() {}

  /**
   * When no node fits: the reason rejecting the most nodes, how many, and its message on the first
   * of them, e.g. {@code VSwitchesExhausted on 3/3 nodes: no free IPs in zone ...}. When some fit,
   * netplane is not what holds the pod back: how many fit, and kube-scheduler's message.
   *
   * @param schedulerMessage the PodScheduled condition's message, or null
   */
  static String of(JsonNode decision, String schedulerMessage) {
    JsonNode nodes = decision.path("nodes");
    int fit = decision.path("fitNodes").asInt();
    String scheduler =
        schedulerMessage == null || schedulerMessage.isBlank()
            ? ""
            : "; kube-scheduler: " + schedulerMessage.strip();
    if (nodes.isEmpty()) {
      return "no nodes in the cluster" + scheduler;
    }
    if (fit > 0) {
      String best =
          decision.path("best").isTextual() ? ", best " + decision.path("best").asText() : "";
      return "netplane lets it on "
          + fit
          + "/"
          + nodes.size()
          + " nodes"
          + best
          + (scheduler.isEmpty() ? "; not scheduled yet" : scheduler);
    }
    // reason id -> [nodes it rejects, the first such node's message], in order of first appearance
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> messages = new LinkedHashMap<>();
    for (JsonNode node : nodes) {
      for (JsonNode r : node.path("reasons")) {
        if (!"FIT".equals(r.path("code").asText())) {
          String id = r.path("id").asText();
          counts.merge(id, 1, Integer::sum);
          messages.putIfAbsent(id, r.path("message").asText());
          break;
        }
      }
    }
    String top = null;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (top == null || e.getValue() > counts.get(top)) {
        top = e.getKey();
      }
    }
    if (top == null) {
      return "no node fits" + scheduler;
    }
    return top + " on " + counts.get(top) + "/" + nodes.size() + " nodes: " + messages.get(top);
  }
}
