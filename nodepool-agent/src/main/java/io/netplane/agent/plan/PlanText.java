package io.netplane.agent.plan;

import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a plan as a readable diff for {@code plan} and {@code apply}. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan) {
    return render(plan, false);
  }

  /**
   * {@code wide} adds the node names behind the counts, the ACK node pool id and the free pod IPs.
   */
  public static String render(Plan plan, boolean wide) {
    StringBuilder sb = new StringBuilder();
    sb.append("FixedCidrPool ").append(plan.pool()).append(": ");
    sb.append(plan.hasChanges() ? plan.stepCount() + " change(s)" : "no changes").append('\n');
    ConfigMapStep cm = plan.configMap();
    if (cm != null) {
      sb.append(
              switch (cm.action()) {
                case CREATE -> "  + ";
                case UPDATE, RELEASE -> "  ~ ";
                case DELETE -> "  - ";
              })
          .append("ConfigMap kube-system/")
          .append(cm.name())
          .append(" (")
          .append(cm.action().name().toLowerCase())
          .append(")\n");
      if (cm.previousEniConf() != null && cm.action() != ConfigMapStep.Action.CREATE) {
        sb.append("      - eni_conf: ").append(cm.previousEniConf()).append('\n');
      }
      if (cm.eniConf() != null) {
        sb.append("      + eni_conf: ").append(cm.eniConf()).append('\n');
      }
    }
    if (plan.nodePool() instanceof NodePoolStep.Create c) {
      NodePoolSpec s = c.spec();
      sb.append("  + NodePool ")
          .append(s.name())
          .append(" (create: ")
          .append(s.desiredSize())
          .append(" x ")
          .append(String.join("/", s.instanceTypes()))
          .append(" in ")
          .append(String.join(", ", s.vSwitchIds()))
          .append(")\n");
      sb.append("      labels ").append(labels(s.labels())).append('\n');
      sb.append("      taints ").append(taints(s.taints())).append('\n');
    } else if (plan.nodePool() instanceof NodePoolStep.Modify m) {
      NodePoolUpdate u = m.update();
      sb.append("  ~ NodePool ")
          .append(m.nodePoolId())
          .append(" (")
          .append(m.current().name())
          .append(")\n");
      if (u.labels() != null) {
        sb.append("      labels ")
            .append(labels(m.current().labels()))
            .append(" -> ")
            .append(labels(u.labels()))
            .append('\n');
      }
      if (u.taints() != null) {
        sb.append("      taints ")
            .append(taints(m.current().taints()))
            .append(" -> ")
            .append(taints(u.taints()))
            .append('\n');
      }
      if (u.desiredSize() != null) {
        sb.append("      desiredSize ")
            .append(m.current().desiredSize())
            .append(" -> ")
            .append(u.desiredSize())
            .append('\n');
      }
      if (u.instanceTypes() != null) {
        sb.append("      instanceTypes ")
            .append(m.current().instanceTypes())
            .append(" -> ")
            .append(u.instanceTypes())
            .append('\n');
      }
      if (u.vSwitchIds() != null) {
        sb.append("      vSwitchIds ")
            .append(m.current().vSwitchIds())
            .append(" -> ")
            .append(u.vSwitchIds())
            .append('\n');
      }
    }
    for (NodeStep n : plan.nodes()) {
      sb.append("  ~ Node ").append(n.node()).append('\n');
      n.setLabels()
          .forEach(
              (k, v) -> sb.append("      + label ").append(k).append('=').append(v).append('\n'));
      n.removeLabels().forEach(k -> sb.append("      - label ").append(k).append('\n'));
      if (n.taintsAfter() != null) {
        for (NodeTaint t : n.taintsAfter()) {
          if (!n.taintsBefore().contains(t)) {
            sb.append("      + taint ").append(Taints.format(t)).append('\n');
          }
        }
        for (NodeTaint t : n.taintsBefore()) {
          if (!n.taintsAfter().contains(t)) {
            sb.append("      - taint ").append(Taints.format(t)).append('\n');
          }
        }
      }
      n.setAnnotations()
          .forEach(
              (k, v) ->
                  sb.append("      + annotation ").append(k).append('=').append(v).append('\n'));
      n.removeAnnotations().forEach(k -> sb.append("      - annotation ").append(k).append('\n'));
    }
    var s = plan.summary();
    sb.append("nodes: ")
        .append(s.configured().size())
        .append(" configured, ")
        .append(s.pending().size())
        .append(" pending, ")
        .append(s.needingRecycle().size())
        .append(" needing recycle")
        .append('\n');
    if (wide) {
      names(sb, "configured", s.configured());
      names(sb, "pending", s.pending());
      names(sb, "needing recycle", s.needingRecycle());
      sb.append("node pool: ")
          .append(plan.nodePoolId() == null ? "-" : plan.nodePoolId())
          .append('\n');
      sb.append("free pod IPs: ")
          .append(plan.freePodIps() == null ? "unknown" : plan.freePodIps())
          .append('\n');
    }
    for (Finding f : plan.findings()) {
      sb.append(f).append('\n');
    }
    sb.append("whitelist: ")
        .append(
            plan.whitelistCidrs().isEmpty() ? "(none)" : String.join(" ", plan.whitelistCidrs()))
        .append('\n');
    return sb.toString();
  }

  private static void names(StringBuilder sb, String state, List<String> nodes) {
    if (!nodes.isEmpty()) {
      sb.append("  ").append(state).append(": ").append(String.join(", ", nodes)).append('\n');
    }
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String taints(List<NodeTaint> taints) {
    return taints.stream().map(Taints::format).collect(Collectors.joining(",", "[", "]"));
  }
}
