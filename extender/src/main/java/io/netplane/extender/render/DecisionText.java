package io.netplane.extender.render;

import io.netplane.config.cli.TextTable;
import io.netplane.config.lint.Finding;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Network;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Human-readable decisions and lint findings; {@code wide} adds what the table leaves out. */
public final class DecisionText {
  /** Longest lint message in a table; -o wide shows all of it. */
  public static final int MESSAGE_WIDTH = 100;

  /**
   * What a report of pending pods does and does not simulate, for the simulate table and the HTML
   * report alike.
   */
  public static final String SCHEDULER_SCOPE =
      "netplane's rules only; of kube-scheduler's own filters only cordons are applied (the best"
          + " node is never cordoned): taints, affinity and resources are not evaluated.";

  private DecisionText() {}

  /**
   * A header describing the pod's network, then one table row per node; {@code wide} adds each
   * reason's details (free IPs, zones, vSwitches...).
   */
  public static String decision(Decision d, boolean wide) {
    StringBuilder sb = new StringBuilder();
    sb.append("POD ").append(d.pod().key()).append('\n');
    sb.append("  network:  ")
        .append(d.resolution().kind())
        .append(" - ")
        .append(d.resolution().why())
        .append('\n');
    for (Network n : d.resolution().networks()) {
      sb.append("            ")
          .append(n.name())
          .append(": vSwitches ")
          .append(n.spec().vSwitchIds())
          .append(", eniType ")
          .append(n.spec().eniType().wire())
          .append(", ")
          .append(n.spec().allocation().type().name().toLowerCase())
          .append(", policy ")
          .append(n.spec().selectionPolicy().name().toLowerCase())
          .append('\n');
    }
    if (!d.resolution().conflicts().isEmpty()) {
      sb.append("  conflict: also matched ").append(d.resolution().conflicts()).append('\n');
    }
    sb.append("  zones:    ")
        .append(d.allowedZones() == null ? "any" : new TreeSet<>(d.allowedZones()).toString())
        .append('\n');
    if (d.pin() != null) {
      sb.append("  fixed IP: pinned to ")
          .append(d.pin().zone())
          .append(" by PodENI ")
          .append(d.pin().name())
          .append('\n');
    }
    sb.append("  best:     ")
        .append(
            d.best()
                .map(b -> b.node() + " (score " + b.score() + ")")
                .orElse("none: the pod stays Pending"))
        .append('\n');
    TextTable t =
        wide
            ? new TextTable("NODE", "ZONE", "VERDICT", "SCORE", "REASONS", "DETAILS")
            : new TextTable("NODE", "ZONE", "VERDICT", "SCORE", "REASONS");
    List<NodeDecision> nodes = d.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodeDecision n = nodes.get(i);
      String reasons = reasons(n.verdict().reasons());
      Map<String, Long> vSwitches = d.vSwitchesOn(i);
      if (!vSwitches.isEmpty()) {
        reasons =
            (reasons.isEmpty() ? "" : reasons + "; ") + "draws from vSwitches " + free(vSwitches);
      }
      if (d.cordoned(i)) {
        reasons =
            "cordoned: kube-scheduler binds no new pod here"
                + (reasons.isEmpty() ? "" : "; " + reasons);
      }
      t.row(
          n.node(),
          n.zone(),
          n.verdict().code(),
          n.verdict().fits() ? n.score() : "-",
          reasons,
          details(n.verdict().reasons()));
    }
    sb.append(t.render("  "));
    return sb.toString();
  }

  /** {@code {vsw-a=12 free, vsw-b=? free}}. */
  private static String free(Map<String, Long> vSwitches) {
    return vSwitches.entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue() == null ? "?" : e.getValue()) + " free")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String reasons(List<Reason> reasons) {
    return reasons.stream()
        .map(r -> (r.id().rejects() ? "" : "note ") + r.id().id() + ": " + r.message())
        .collect(Collectors.joining("; "));
  }

  private static String details(List<Reason> reasons) {
    return reasons.stream()
        .filter(r -> !r.detail().isEmpty())
        .map(r -> r.id().id() + " " + r.detail())
        .collect(Collectors.joining("; "));
  }

  /** One row per finding; the table cuts long messages, {@code wide} shows them whole. */
  public static String findings(List<Finding> findings, boolean wide) {
    if (findings.isEmpty()) {
      return "no findings\n";
    }
    TextTable t = new TextTable("SEVERITY", "CHECK", "SUBJECT", "MESSAGE");
    findings.forEach(
        f ->
            t.row(
                f.severity(),
                f.id().id(),
                f.subject(),
                wide ? f.message() : TextTable.shorten(f.message(), MESSAGE_WIDTH)));
    return t.render("");
  }
}
