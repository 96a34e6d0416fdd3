package io.netplane.extender.render;

import static io.netplane.extender.render.Html.esc;

import io.netplane.config.ledger.IpLedger;
import io.netplane.config.lint.Finding;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Network;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.NodeFacts;
import io.netplane.config.rules.Reason;
import io.netplane.config.rules.ReasonId;
import io.netplane.config.rules.Resolution;
import io.netplane.config.rules.VSwitchZones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One self-contained HTML page (inline SVG and CSS, no script, nothing fetched) showing a
 * snapshot's vSwitches by zone with their free IPs, which zones each network covers, where each
 * pending pod fits or why it fits nowhere, and lint findings. Written as well-formed XHTML, so
 * strict XML parsers read it as well as browsers.
 */
public final class HtmlReport {
  /** Column header for vSwitches and nodes whose zone nothing tells. */
  static final String UNKNOWN_ZONE = "zone unknown";

  /** Distinct messages shown per reason; the rest are counted. */
  private static final int MESSAGES_PER_REASON = 3;

  private static final int CARD_WIDTH = 250;
  private static final int CARD_HEIGHT = 78;
  private static final int GAP = 10;
  private static final int HEADER = 28;
  private static final int BAR_WIDTH = CARD_WIDTH - 16;
  private static final int LABEL_CHARS = 32;

  private static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em}
      th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
      th{background:#f2f2f2}
      td.num{text-align:right}
      code{font-family:ui-monospace,monospace;font-size:90%}
      .ok{background:#d9f2d9}.low{background:#ffe9b3}.exhausted{background:#f8c4c4}
      .unknown{background:#e4e4e4}.uncovered{color:#999}.nofit td{background:#fdecec}
      rect.ok{fill:#d9f2d9;stroke:#2e7d32}rect.low{fill:#ffe9b3;stroke:#b26a00}
      rect.exhausted{fill:#f8c4c4;stroke:#b71c1c}rect.unknown{fill:#e4e4e4;stroke:#757575;stroke-dasharray:4 3}
      rect.bar{fill:#fff;stroke:#999}rect.used{fill:#9e9e9e}
      svg text{font-family:ui-monospace,monospace;font-size:12px}svg text.zone{font-weight:bold;font-size:14px}
      .ERROR td:first-child{color:#b71c1c;font-weight:bold}.WARNING td:first-child{color:#b26a00}
      """;

  private final Decider decider;
  private final List<Decision> pending;
  private final List<Finding> findings;
  private final String source;
  private final VSwitchZones vSwitchZones;
  private final Map<String, VSwitchRow> vSwitches = new TreeMap<>();
  private final List<NetworkRow> networks = new ArrayList<>();
  private final List<String> zones;
  private final List<String> nodeZones;

  private HtmlReport(
      Decider decider, List<Decision> pending, List<Finding> findings, String source) {
    this.decider = decider;
    this.pending = pending;
    this.findings = findings;
    this.source = source;
    this.vSwitchZones = new VSwitchZones(decider.snapshot());
    collectNetworks();
    decider.reservations().keySet().forEach(id -> vSwitch(id, null));
    this.nodeZones = sorted(decider.snapshot().nodes().values().stream().map(NodeView::zone));
    this.zones =
        sorted(
            Stream.concat(
                decider.snapshot().nodes().values().stream().map(NodeView::zone),
                vSwitches.values().stream().map(row -> row.zone)));
  }

  /**
   * The page for a snapshot's {@code pending} decisions; {@code findings} adds a lint section
   * (null: none). {@code source} names where the snapshot came from.
   */
  public static String render(
      Decider decider, List<Decision> pending, List<Finding> findings, String source) {
    return new HtmlReport(decider, pending, findings, source).page();
  }

  /** Headroom of a vSwitch, by its free IPs after in-flight reservations. */
  enum State {
    OK,
    /** Under a tenth of its CIDR's addresses free. */
    LOW,
    EXHAUSTED,
    /** The cloud inventory does not report its free IPs. */
    UNKNOWN;

    String css() {
      return name().toLowerCase();
    }
  }

  /** A vSwitch some network draws from, with what the snapshot says of it. */
  private final class VSwitchRow {
    final String id;
    String zone;
    final String cidr;
    final Long cloudFree;
    final long reserved;
    final Long total;
    final Set<String> users = new LinkedHashSet<>();

    VSwitchRow(String id, String configuredZone) {
      this.id = id;
      var v = decider.snapshot().vSwitches().get(id);
      String known = vSwitchZones.zoneOf(id);
      this.zone = known != null ? known : configuredZone;
      this.cidr = v == null ? null : v.cidr();
      this.cloudFree = v == null ? null : v.availableIps();
      this.reserved = decider.reservations().getOrDefault(id, 0L);
      this.total = addresses(cidr);
    }

    Long free() {
      return IpLedger.left(cloudFree, reserved);
    }

    State state() {
      Long free = free();
      if (free == null) {
        return State.UNKNOWN;
      }
      if (free == 0) {
        return State.EXHAUSTED;
      }
      return total != null && free * 10 < total ? State.LOW : State.OK;
    }
  }

  /** A network and its vSwitches by zone (null key: zone unknown). */
  private record NetworkRow(String kind, String name, Map<String, List<String>> byZone) {}

  /** Addresses in an IPv4 CIDR block; null for anything else. */
  static Long addresses(String cidr) {
    if (cidr == null) {
      return null;
    }
    int slash = cidr.indexOf('/');
    if (slash < 0 || cidr.indexOf(':') >= 0) {
      return null;
    }
    try {
      int prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
      return prefix < 0 || prefix > 32 ? null : 1L << (32 - prefix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private VSwitchRow vSwitch(String id, String configuredZone) {
    VSwitchRow row = vSwitches.computeIfAbsent(id, k -> new VSwitchRow(k, configuredZone));
    if (row.zone == null) {
      row.zone = configuredZone;
    }
    return row;
  }

  /** eni-configs nodes use, PodNetworkings, and pending pods' explicit pod-networks. */
  private void collectNetworks() {
    Map<String, EniConfig> configs = new LinkedHashMap<>();
    EniConfig base = decider.snapshot().baseConfig();
    if (base != null) {
      configs.put(base.name(), base);
    }
    for (String node : decider.snapshot().nodes().keySet()) {
      NodeFacts facts = decider.facts(node);
      if (facts != null && facts.shape().config() != null) {
        configs.putIfAbsent(facts.shape().config().name(), facts.shape().config());
      }
    }
    for (EniConfig c : configs.values()) {
      Map<String, List<String>> byZone = new TreeMap<>(Comparator.nullsLast(String::compareTo));
      new TreeMap<>(c.vSwitches())
          .forEach(
              (zone, ids) -> {
                for (String id : ids) {
                  VSwitchRow row = vSwitch(id, zone);
                  row.users.add("eni-config " + c.name());
                  byZone.computeIfAbsent(row.zone, z -> new ArrayList<>()).add(id);
                }
              });
      networks.add(new NetworkRow("eni-config", c.name(), byZone));
    }
    for (PodNetworking pn : decider.snapshot().podNetworkings()) {
      Network n = decider.resolver().network(pn.name());
      String kind = pn.ready() ? "PodNetworking" : "PodNetworking (not Ready)";
      networks.add(new NetworkRow(kind, pn.name(), byZone(n, "PodNetworking " + pn.name())));
    }
    for (Decision d : pending) {
      if (d.resolution().kind() == Resolution.Kind.POD_NETWORKS) {
        for (Network n : d.resolution().networks()) {
          String user = "pod-networks of " + d.pod().key();
          networks.add(new NetworkRow(user, n.name(), byZone(n, user)));
        }
      }
    }
  }

  private Map<String, List<String>> byZone(Network n, String user) {
    Map<String, List<String>> byZone = new TreeMap<>(Comparator.nullsLast(String::compareTo));
    for (String id : n.spec().vSwitchIds()) {
      VSwitchRow row = vSwitch(id, null);
      row.users.add(user);
      byZone.computeIfAbsent(row.zone, z -> new ArrayList<>()).add(id);
    }
    return byZone;
  }

  /** Distinct zones, sorted, with null (unknown) last when present. */
  private static List<String> sorted(Stream<String> zones) {
    Set<String> distinct = new TreeSet<>(Comparator.nullsLast(String::compareTo));
    zones.forEach(distinct::add);
    return new ArrayList<>(distinct); // not List.copyOf: null stands for the unknown zone
  }

  private static String zoneName(String zone) {
    return zone == null ? UNKNOWN_ZONE : zone;
  }

  private String page() {
    StringBuilder sb = new StringBuilder(16_384);
    sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n");
    sb.append("<head>\n<meta charset=\"utf-8\"/>\n<title>netplane report</title>\n");
    sb.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    long stuck = pending.stream().filter(d -> d.fitCount() == 0).count();
    sb.append("<h1>netplane report</h1>\n<p>Snapshot <code>")
        .append(esc(source))
        .append("</code> evaluated at ")
        .append(esc(decider.snapshot().takenAt()))
        .append(": ")
        .append(decider.snapshot().nodes().size())
        .append(" node(s), ")
        .append(vSwitches.size())
        .append(" vSwitch(es) in use, <span id=\"pending-count\">")
        .append(pending.size())
        .append("</span> pending pod(s), <span id=\"stuck-count\">")
        .append(stuck)
        .append("</span> with no fit node.</p>\n");
    vSwitchPicture(sb);
    vSwitchTable(sb);
    networkTable(sb);
    pendingTable(sb);
    if (findings != null) {
      findingTable(sb);
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  /** One column per zone, one card per vSwitch: free IPs, in-flight reservations, headroom. */
  private void vSwitchPicture(StringBuilder sb) {
    sb.append("<h2>vSwitches by zone</h2>\n<p>Free IPs are the cloud's count less in-flight")
        .append(" reservations (pods bound to a node that have no IP yet). Colours: ")
        .append("<span class=\"ok\">ok</span>, <span class=\"low\">low (under 10% of the CIDR")
        .append(" free)</span>, <span class=\"exhausted\">exhausted (0 free)</span>, ")
        .append("<span class=\"unknown\">unknown (not in the cloud inventory or not")
        .append(" reported)</span>.</p>\n");
    Map<String, List<VSwitchRow>> columns = new LinkedHashMap<>();
    zones.forEach(z -> columns.put(z, new ArrayList<>()));
    vSwitches.values().forEach(row -> columns.get(row.zone).add(row));
    columns.values().removeIf(List::isEmpty);
    int rows = columns.values().stream().mapToInt(List::size).max().orElse(0);
    int width = Math.max(1, columns.size()) * (CARD_WIDTH + GAP);
    int height = HEADER + rows * (CARD_HEIGHT + GAP);
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"vswitch-grid\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\">\n<title>vSwitches by zone</title>\n");
    int x = 0;
    for (Map.Entry<String, List<VSwitchRow>> column : columns.entrySet()) {
      sb.append("<text class=\"zone\" x=\"")
          .append(x + 4)
          .append("\" y=\"18\">")
          .append(Html.label(zoneName(column.getKey()), LABEL_CHARS))
          .append("</text>\n");
      int y = HEADER;
      for (VSwitchRow row : column.getValue()) {
        card(sb, row, x, y);
        y += CARD_HEIGHT + GAP;
      }
      x += CARD_WIDTH + GAP;
    }
    sb.append("</svg>\n");
  }

  private void card(StringBuilder sb, VSwitchRow row, int x, int y) {
    State state = row.state();
    Long free = row.free();
    sb.append("<g class=\"vswitch\"")
        .append(dataAttributes(row))
        .append(" transform=\"translate(")
        .append(x)
        .append(',')
        .append(y)
        .append(")\">\n<title>")
        .append(esc(row.id))
        .append(": ")
        .append(esc(String.join(", ", row.users), Html.MESSAGE_CHARS))
        .append("</title>\n<rect class=\"")
        .append(state.css())
        .append("\" width=\"")
        .append(CARD_WIDTH)
        .append("\" height=\"")
        .append(CARD_HEIGHT)
        .append("\" rx=\"4\"/>\n<text x=\"8\" y=\"18\">")
        .append(Html.label(row.id, LABEL_CHARS))
        .append("</text>\n<text x=\"8\" y=\"36\">")
        .append(free == null ? "free unknown" : "free " + free)
        .append(row.total == null ? "" : " of " + row.total)
        .append(" \u00b7 ")
        .append(state.css())
        .append("</text>\n<text x=\"8\" y=\"54\">")
        .append(row.reserved)
        .append(" in flight</text>\n");
    if (free != null && row.total != null && row.total > 0) {
      long used = Math.max(0, row.total - free);
      long usedWidth = Math.min(BAR_WIDTH, Math.round((double) BAR_WIDTH * used / row.total));
      sb.append("<rect class=\"bar\" x=\"8\" y=\"62\" width=\"")
          .append(BAR_WIDTH)
          .append("\" height=\"8\"/>\n<rect class=\"used\" x=\"8\" y=\"62\" width=\"")
          .append(usedWidth)
          .append("\" height=\"8\"/>\n");
    }
    sb.append("</g>\n");
  }

  /** What a reader (or a test) keys a vSwitch's card and row by. */
  private static String dataAttributes(VSwitchRow row) {
    return " data-vswitch=\"" + esc(row.id) + "\" data-state=\"" + row.state().css() + '"';
  }

  private void vSwitchTable(StringBuilder sb) {
    sb.append("<table id=\"vswitches\">\n<tr><th>vSwitch</th><th>Zone</th><th>CIDR</th>")
        .append("<th>Free (cloud)</th><th>In flight</th><th>Free</th><th>Addresses</th>")
        .append("<th>Headroom</th><th>Used by</th></tr>\n");
    for (VSwitchRow row : vSwitches.values()) {
      State state = row.state();
      sb.append("<tr class=\"")
          .append(state.css())
          .append('"')
          .append(dataAttributes(row))
          .append("><td><code>")
          .append(esc(row.id))
          .append("</code></td><td>")
          .append(esc(zoneName(row.zone)))
          .append("</td><td>")
          .append(row.cidr == null ? "-" : esc(row.cidr))
          .append("</td><td class=\"num\">")
          .append(row.cloudFree == null ? "unknown" : row.cloudFree)
          .append("</td><td class=\"num\">")
          .append(row.reserved)
          .append("</td><td class=\"num free\">")
          .append(row.free() == null ? "unknown" : row.free())
          .append("</td><td class=\"num\">")
          .append(row.total == null ? "-" : row.total)
          .append("</td><td class=\"state\">")
          .append(state.css())
          .append("</td><td>")
          .append(esc(String.join(", ", row.users), Html.MESSAGE_CHARS))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private void networkTable(StringBuilder sb) {
    sb.append("<h2>Networks by zone</h2>\n<table id=\"networks\">\n<tr><th>Network</th>");
    zones.forEach(z -> sb.append("<th>").append(esc(zoneName(z))).append("</th>"));
    sb.append("</tr>\n");
    for (NetworkRow n : networks) {
      sb.append("<tr data-network=\"")
          .append(esc(n.name()))
          .append("\"><td>")
          .append(esc(n.kind()))
          .append(" <code>")
          .append(esc(n.name()))
          .append("</code></td>");
      for (String zone : zones) {
        List<String> ids = n.byZone().get(zone);
        if (ids == null) {
          sb.append("<td class=\"uncovered\" data-zone=\"")
              .append(esc(zoneName(zone)))
              .append("\">-</td>");
          continue;
        }
        sb.append("<td class=\"covered\" data-zone=\"").append(esc(zoneName(zone))).append("\">");
        for (String id : ids) {
          VSwitchRow row = vSwitches.get(id);
          Long free = row.free();
          sb.append("<div class=\"")
              .append(row.state().css())
              .append("\"><code>")
              .append(esc(id))
              .append("</code> ")
              .append(free == null ? "unknown" : free + " free")
              .append("</div>");
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n");
  }

  private void pendingTable(StringBuilder sb) {
    sb.append("<h2>Pending pods</h2>\n<p>Fit nodes per zone: ")
        .append(esc(DecisionText.SCHEDULER_SCOPE, DecisionText.SCHEDULER_SCOPE.length()))
        .append("</p>\n<table id=\"pending\">\n<tr><th>Pod</th><th>Network</th>");
    nodeZones.forEach(z -> sb.append("<th>").append(esc(zoneName(z))).append("</th>"));
    sb.append("<th>Fit</th><th>Best node</th><th>Why not elsewhere</th></tr>\n");
    for (Decision d : pending) {
      Map<String, Integer> fitByZone = new LinkedHashMap<>();
      for (NodeDecision n : d.nodes()) {
        if (n.verdict().fits()) {
          fitByZone.merge(zoneName(n.zone()), 1, Integer::sum);
        }
      }
      sb.append("<tr data-pod=\"")
          .append(esc(d.pod().key()))
          .append("\" data-fit=\"")
          .append(d.fitCount())
          .append('"')
          .append(d.fitCount() == 0 ? " class=\"nofit\"" : "")
          .append("><td><code>")
          .append(esc(d.pod().key()))
          .append("</code></td><td>")
          .append(esc(network(d.resolution()), Html.MESSAGE_CHARS))
          .append("</td>");
      for (String zone : nodeZones) {
        int fit = fitByZone.getOrDefault(zoneName(zone), 0);
        sb.append("<td class=\"num\" data-zone=\"")
            .append(esc(zoneName(zone)))
            .append("\">")
            .append(fit)
            .append("</td>");
      }
      sb.append("<td class=\"num\">")
          .append(d.fitCount())
          .append('/')
          .append(d.nodes().size())
          .append("</td><td>")
          .append(d.best().map(b -> "<code>" + esc(b.node()) + "</code>").orElse("none"))
          .append("</td><td>");
      reasons(sb, d);
      sb.append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private static String network(Resolution r) {
    StringBuilder s = new StringBuilder(r.kind().name());
    r.networks().forEach(n -> s.append(' ').append(n.name()));
    return s.toString();
  }

  /** Reasons grouped by id: how many nodes each applies to, and its distinct messages. */
  private static void reasons(StringBuilder sb, Decision d) {
    Map<ReasonId, Set<String>> messages = new LinkedHashMap<>();
    Map<ReasonId, Integer> nodes = new LinkedHashMap<>();
    for (NodeDecision n : d.nodes()) {
      Set<ReasonId> seen = new LinkedHashSet<>();
      for (Reason r : n.verdict().reasons()) {
        messages.computeIfAbsent(r.id(), k -> new LinkedHashSet<>()).add(r.message());
        if (seen.add(r.id())) {
          nodes.merge(r.id(), 1, Integer::sum);
        }
      }
    }
    if (nodes.isEmpty()) {
      sb.append('-');
      return;
    }
    List<ReasonId> order = new ArrayList<>(nodes.keySet());
    // rejections before notes, the most frequent first
    order.sort(
        Comparator.comparing((ReasonId id) -> !id.rejects())
            .thenComparing(id -> -nodes.get(id))
            .thenComparing(ReasonId::id));
    sb.append(d.fitCount() == 0 ? "<details open=\"open\">" : "<details>")
        .append("<summary>")
        .append(order.size())
        .append(" reason(s)</summary><ul>");
    for (ReasonId id : order) {
      sb.append("<li data-reason=\"")
          .append(id.id())
          .append("\">")
          .append(id.rejects() ? "" : "note ")
          .append("<code>")
          .append(id.id())
          .append("</code> on ")
          .append(nodes.get(id))
          .append(" node(s): ");
      List<String> distinct = new ArrayList<>(messages.get(id));
      for (int i = 0; i < Math.min(MESSAGES_PER_REASON, distinct.size()); i++) {
        sb.append(i == 0 ? "" : "; ")
            .append("<span class=\"message\">")
            .append(esc(distinct.get(i), Html.MESSAGE_CHARS))
            .append("</span>");
      }
      if (distinct.size() > MESSAGES_PER_REASON) {
        sb.append("; and ")
            .append(distinct.size() - MESSAGES_PER_REASON)
            .append(" more distinct message(s)");
      }
      sb.append("</li>");
    }
    sb.append("</ul></details>");
  }

  private void findingTable(StringBuilder sb) {
    sb.append("<h2>Lint findings</h2>\n");
    if (findings.isEmpty()) {
      sb.append("<p id=\"findings\">No findings.</p>\n");
      return;
    }
    sb.append("<table id=\"findings\">\n<tr><th>Severity</th><th>Check</th><th>Subject</th>")
        .append("<th>Message</th></tr>\n");
    for (Finding f : findings) {
      sb.append("<tr class=\"")
          .append(f.severity().name())
          .append("\" data-check=\"")
          .append(esc(f.id().id()))
          .append("\"><td>")
          .append(f.severity().name())
          .append("</td><td><code>")
          .append(esc(f.id().id()))
          .append("</code></td><td><code>")
          .append(esc(f.subject()))
          .append("</code></td><td>")
          .append(esc(f.message(), Html.MESSAGE_CHARS))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }
}
