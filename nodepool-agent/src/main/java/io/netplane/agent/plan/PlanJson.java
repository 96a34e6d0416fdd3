package io.netplane.agent.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.NodeTaint;
import java.util.Collection;
import java.util.List;

/**
 * The machine-readable shape of a plan ({@code plan -o json|yaml}): whether anything changes, each
 * step with what it writes, the findings, and the nodes and whitelist the pool ends up with.
 */
public final class PlanJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanJson() {}

  public static ObjectNode plan(Plan plan) {
    ObjectNode o = JSON.createObjectNode();
    o.put("pool", plan.pool());
    o.put("changes", plan.hasChanges());
    o.put("blocked", plan.blocked());
    ArrayNode steps = o.putArray("steps");
    if (plan.configMap() != null) {
      steps.add(configMap(plan.configMap()));
    }
    if (plan.nodePool() != null) {
      steps.add(nodePool(plan.nodePool()));
    }
    plan.nodes().forEach(n -> steps.add(node(n)));
    ArrayNode findings = o.putArray("findings");
    for (Finding f : plan.findings()) {
      findings
          .addObject()
          .put("id", f.id().value())
          .put("severity", f.severity().name())
          .put("subject", f.subject())
          .put("message", f.message());
    }
    ObjectNode nodes = o.putObject("nodes");
    nodes.set("configured", strings(plan.summary().configured()));
    nodes.set("pending", strings(plan.summary().pending()));
    nodes.set("needingRecycle", strings(plan.summary().needingRecycle()));
    o.set("whitelistCidrs", strings(plan.whitelistCidrs()));
    o.put("nodePoolId", plan.nodePoolId());
    o.put("freePodIps", plan.freePodIps());
    return o;
  }

  private static ObjectNode configMap(ConfigMapStep cm) {
    return step("ConfigMap", cm.action().name().toLowerCase(), "kube-system/" + cm.name())
        .put("eniConf", cm.eniConf())
        .put("previousEniConf", cm.previousEniConf());
  }

  private static ObjectNode nodePool(NodePoolStep step) {
    if (step instanceof NodePoolStep.Create c) {
      NodePoolSpec s = c.spec();
      ObjectNode o = step("NodePool", "create", s.name()).put("desiredSize", s.desiredSize());
      o.set("instanceTypes", strings(s.instanceTypes()));
      o.set("vSwitchIds", strings(s.vSwitchIds()));
      o.set("securityGroupIds", strings(s.securityGroupIds()));
      o.set("labels", JSON.valueToTree(s.labels()));
      o.set("taints", taints(s.taints()));
      return o;
    }
    NodePoolStep.Modify m = (NodePoolStep.Modify) step;
    NodePool now = m.current();
    NodePoolUpdate u = m.update();
    ObjectNode o = step("NodePool", "modify", now.name()).put("id", m.nodePoolId());
    // only what the request changes, each as from/to
    ObjectNode changes = o.putObject("changes");
    change(changes, "labels", now.labels(), u.labels());
    change(changes, "taints", taints(now.taints()), u.taints() == null ? null : taints(u.taints()));
    change(changes, "desiredSize", now.desiredSize(), u.desiredSize());
    change(changes, "instanceTypes", now.instanceTypes(), u.instanceTypes());
    change(changes, "vSwitchIds", now.vSwitchIds(), u.vSwitchIds());
    o.put("updateNodes", u.updateNodes());
    return o;
  }

  private static ObjectNode node(NodeStep n) {
    ObjectNode o = step("Node", "patch", n.node());
    o.set("setLabels", JSON.valueToTree(n.setLabels()));
    o.set("removeLabels", strings(n.removeLabels()));
    List<NodeTaint> after = n.taintsAfter() == null ? n.taintsBefore() : n.taintsAfter();
    o.set("addTaints", taints(after.stream().filter(t -> !n.taintsBefore().contains(t)).toList()));
    o.set(
        "removeTaints", taints(n.taintsBefore().stream().filter(t -> !after.contains(t)).toList()));
    o.set("setAnnotations", JSON.valueToTree(n.setAnnotations()));
    o.set("removeAnnotations", strings(n.removeAnnotations()));
    return o;
  }

  private static ObjectNode step(String kind, String action, String name) {
    return JSON.createObjectNode().put("kind", kind).put("action", action).put("name", name);
  }

  private static void change(ObjectNode changes, String field, Object from, Object to) {
    if (to != null) {
      ObjectNode c = changes.putObject(field);
      c.set("from", JSON.valueToTree(from));
      c.set("to", JSON.valueToTree(to));
    }
  }

  private static ArrayNode taints(List<NodeTaint> taints) {
    return strings(taints.stream().map(Taints::format).toList());
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
