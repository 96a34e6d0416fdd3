package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.netplane.config.cli.TextTable;
import io.netplane.extender.cli.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Every pending pod of netplane's scheduler, with the reason it is not scheduled. */
@Command(
    name = "why-pending",
    mixinStandardHelpOptions = true,
    description =
        "List the Pending pods the netplane scheduler has not bound, oldest first, each with the reason the running extender gives now.")
final class WhyPendingCommand extends PluginCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest reason in a table; -o wide shows all of it. */
  static final int REASON_WIDTH = 120;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the pods. Default: the kubeconfig context's, else default.")
  String namespace;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Pods of every namespace.")
  boolean allNamespaces;

  @Option(
      names = "--scheduler-name",
      defaultValue = "netplane-scheduler",
      paramLabel = "NAME",
      description =
          "Only pods with this spec.schedulerName (the chart's scheduler.name). Default: ${DEFAULT-VALUE}.")
  String schedulerName;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Explain at most this many pods, the oldest. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Mixin ExtenderOptions extender;

  /** A pending pod and what the extender says of it. */
  record Row(String namespace, String name, Duration age, String reason, JsonNode decision) {}

  @Override
  int run() {
    if (allNamespaces && namespace != null) {
      throw new ParameterException(spec.commandLine(), "-n and -A exclude each other");
    }
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be positive, got " + limit);
    }
    var pods =
        allNamespaces
            ? kube().pods().inAnyNamespace()
            : kube().pods().inNamespace(namespaceOr(namespace));
    List<Pod> pending =
        pods.withField("status.phase", "Pending").list().getItems().stream()
            .filter(p -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty())
            .filter(p -> schedulerName.equals(p.getSpec().getSchedulerName()))
            .sorted(
                Comparator.comparing(
                        (Pod p) -> created(p), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(p -> p.getMetadata().getNamespace())
                    .thenComparing(p -> p.getMetadata().getName()))
            .toList();
    List<Row> rows = new ArrayList<>();
    Instant now = Clock.systemUTC().instant();
    if (!pending.isEmpty()) {
      try (ExtenderConnection extender = ExtenderConnection.open(kube(), this.extender)) {
        for (Pod p : pending.subList(0, Math.min(limit, pending.size()))) {
          rows.add(row(extender, p, now));
        }
      }
    }
    return print(report(rows, pending.size(), wide()));
  }

  private Row row(ExtenderConnection extender, Pod p, Instant now) {
    String ns = p.getMetadata().getNamespace();
    String name = p.getMetadata().getName();
    Instant created = created(p);
    Duration age = created == null ? null : Duration.between(created, now);
    String query = ExplainPodCommand.query(ns, name);
    ExtenderConnection.Reply reply = extender.get(query);
    if (reply.status() == 404) {
      // created after the extender's snapshot, or deleted since the list
      return new Row(ns, name, age, "not in the extender's snapshot yet: " + reply.error(), null);
    }
    JsonNode decision = extender.json(reply, query);
    return new Row(ns, name, age, PendingReason.of(decision, schedulerMessage(p)), decision);
  }

  static Report report(List<Row> rows, int pending, boolean wide) {
    return new Report(
        () -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("pending", pending);
          o.put("truncated", rows.size() < pending);
          ArrayNode items = o.putArray("pods");
          for (Row r : rows) {
            ObjectNode item =
                items.addObject().put("namespace", r.namespace()).put("name", r.name());
            if (r.age() == null) {
              item.putNull("ageSeconds");
            } else {
              item.put("ageSeconds", r.age().toSeconds());
            }
            item.put("reason", r.reason());
            item.set("decision", r.decision());
          }
          return o;
        },
        () -> table(rows, pending, wide),
        0);
  }

  private static String table(List<Row> rows, int pending, boolean wide) {
    if (rows.isEmpty()) {
      return "no Pending pods\n";
    }
    TextTable t =
        wide
            ? new TextTable("NAMESPACE", "NAME", "AGE", "FIT NODES", "REASON")
            : new TextTable("NAMESPACE", "NAME", "AGE", "REASON");
    for (Row r : rows) {
      String age = r.age() == null ? "-" : age(r.age());
      String reason = wide ? r.reason() : TextTable.shorten(r.reason(), REASON_WIDTH);
      if (wide) {
        String fit =
            r.decision() == null
                ? "-"
                : r.decision().path("fitNodes").asInt() + "/" + r.decision().path("nodes").size();
        t.row(r.namespace(), r.name(), age, fit, reason);
      } else {
        t.row(r.namespace(), r.name(), age, reason);
      }
    }
    String more =
        rows.size() < pending
            ? "showing the oldest " + rows.size() + " of " + pending + " Pending pods (--limit)\n"
            : "";
    return t.render("") + more;
  }

  /** kubectl's way: 45s, 12m, 5h, 3d. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 120 * 60) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  private static Instant created(Pod p) {
    String at = p.getMetadata().getCreationTimestamp();
    try {
      return at == null ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** kube-scheduler's message on the pod's PodScheduled condition, when it set one. */
  private static String schedulerMessage(Pod p) {
    if (p.getStatus() == null) {
      return null;
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(PodCondition::getMessage)
        .findFirst()
        .orElse(null);
  }
}
