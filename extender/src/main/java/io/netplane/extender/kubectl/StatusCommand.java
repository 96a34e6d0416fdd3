package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netplane.config.cli.TextTable;
import io.netplane.extender.cli.Report;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The extender's replicas, which one is active, how fresh its data is, and the pools. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the extender pods (readiness, restarts, which is active), the Lease of the active one, the active extender's readiness and data age, and the FixedCidrPools with their Ready condition.")
final class StatusCommand extends PluginCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final ResourceDefinitionContext FIXED_CIDR_POOLS =
      new ResourceDefinitionContext.Builder()
          .withGroup("netplane.io")
          .withVersion("v1alpha1")
          .withKind("FixedCidrPool")
          .withPlural("fixedcidrpools")
          .withNamespaced(false)
          .build();

  /** What a 404 on the FixedCidrPool list means. */
  static final String NO_CRD = "the FixedCidrPool CRD is not installed";

  @Mixin ExtenderOptions extender;

  @Override
  int run() {
    ObjectNode status = JSON.createObjectNode();
    List<Pod> pods = List.of();
    try {
      pods = ExtenderConnection.netplanePods(kube(), extender);
    } catch (IllegalStateException e) {
      if (extender.url == null) {
        throw e;
      }
      status.put("podsProblem", e.getMessage());
    }
    ActiveExtender.Target target = null;
    try (ExtenderConnection connection = ExtenderConnection.open(kube(), extender, pods)) {
      target = connection.target();
      status.put("extender", connection.where());
      status.set("readiness", readiness(connection));
    } catch (IllegalStateException | ExtenderConnection.ExtenderException e) {
      status.put("extenderProblem", e.getMessage());
    }
    if (!pods.isEmpty()) {
      status.put("namespace", pods.get(0).getMetadata().getNamespace());
      status.put("layout", ActiveExtender.layout(pods).name().toLowerCase(Locale.ROOT));
      status.set("lease", lease(pods));
    }
    ArrayNode replicas = status.putArray("pods");
    for (Pod p : ActiveExtender.extenderPodsByName(pods)) {
      replicas
          .addObject()
          .put("name", p.getMetadata().getName())
          .put("node", p.getSpec().getNodeName())
          .put("ready", ActiveExtender.ready(p))
          .put("restarts", ActiveExtender.restarts(p))
          .put("active", target != null && target.name().equals(p.getMetadata().getName()));
    }
    status.set("fixedCidrPools", pools(status));
    return print(new Report(() -> status, () -> table(status, wide()), 0));
  }

  /** {@code /readyz} and the data ages of {@code /metrics}. */
  private static ObjectNode readiness(ExtenderConnection connection) {
    ObjectNode o = JSON.createObjectNode();
    ExtenderConnection.Reply ready = connection.get("/readyz");
    o.put("ready", ready.ok());
    o.put("reason", ready.ok() ? "ready" : ready.error());
    ExtenderConnection.Reply metrics = connection.get("/metrics");
    if (metrics.ok()) {
      putSeconds(
          o, "snapshotAgeSeconds", gauge(metrics.body(), "netplane_snapshot_age_seconds", ""));
      putSeconds(
          o,
          "clusterDataAgeSeconds",
          gauge(metrics.body(), "netplane_data_age_seconds", "source=\"cluster\""));
      putSeconds(
          o,
          "cloudDataAgeSeconds",
          gauge(metrics.body(), "netplane_data_age_seconds", "source=\"cloud\""));
    }
    return o;
  }

  private static void putSeconds(ObjectNode o, String field, Double seconds) {
    if (seconds == null || seconds.isNaN()) {
      o.putNull(field);
    } else {
      o.put(field, seconds);
    }
  }

  /**
   * The value of a sample of {@code name} in Prometheus' text format whose labels contain {@code
   * label} (empty: any), or null.
   */
  static Double gauge(String metrics, String name, String label) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name) || line.startsWith("#")) {
        continue;
      }
      String rest = line.substring(name.length());
      String labels = "";
      if (rest.startsWith("{")) {
        int close = rest.indexOf('}');
        if (close < 0) {
          continue;
        }
        labels = rest.substring(1, close);
        rest = rest.substring(close + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // another metric whose name starts with this one
      }
      if (!labels.contains(label)) {
        continue;
      }
      String[] fields = rest.trim().split("\\s+");
      try {
        return Double.parseDouble(fields[0]);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private ObjectNode lease(List<Pod> pods) {
    ObjectNode o = JSON.createObjectNode();
    String name;
    try {
      name =
          ActiveExtender.leaseOf(
              ActiveExtender.extenderPodsByName(pods).get(0), extender.settings());
    } catch (IllegalStateException e) {
      return o.put("problem", e.getMessage());
    }
    o.put("name", name);
    int slash = name.indexOf('/');
    Lease lease;
    try {
      lease = ExtenderConnection.lease(kube(), name.substring(0, slash), name.substring(slash + 1));
    } catch (KubernetesClientException e) {
      return o.put("problem", KubectlNetplane.message(e));
    }
    if (lease == null || lease.getSpec() == null) {
      return o.put("problem", "not found");
    }
    o.put("holder", lease.getSpec().getHolderIdentity());
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    if (renewed != null) {
      o.put(
          "renewedSecondsAgo",
          Math.max(0, Duration.between(renewed.toInstant(), Instant.now()).toSeconds()));
    }
    return o;
  }

  /** Each FixedCidrPool's Ready condition; a note when they cannot be listed. */
  private JsonNode pools(ObjectNode status) {
    ArrayNode out = JSON.createArrayNode();
    List<GenericKubernetesResource> items;
    try {
      items = kube().genericKubernetesResources(FIXED_CIDR_POOLS).list().getItems();
    } catch (KubernetesClientException e) {
      status.put("fixedCidrPoolsProblem", e.getCode() == 404 ? NO_CRD : KubectlNetplane.message(e));
      return out;
    }
    for (GenericKubernetesResource pool : items) {
      ObjectNode o = out.addObject().put("name", pool.getMetadata().getName());
      JsonNode ready = JSON.nullNode();
      Object conditions =
          pool.getAdditionalProperties().get("status") instanceof Map<?, ?> s
              ? s.get("conditions")
              : null;
      for (JsonNode c : JSON.valueToTree(conditions == null ? List.of() : conditions)) {
        if ("Ready".equals(c.path("type").asText())) {
          ready = c;
        }
      }
      o.put("ready", ready.path("status").asText("Unknown"));
      o.put("reason", ready.path("reason").asText(""));
      o.put("message", ready.path("message").asText(""));
    }
    return out;
  }

  static String table(JsonNode s, boolean wide) {
    StringBuilder sb = new StringBuilder();
    sb.append("EXTENDER PODS");
    if (s.has("namespace")) {
      sb.append(" (namespace ")
          .append(s.path("namespace").asText())
          .append(", layout ")
          .append(s.path("layout").asText())
          .append(")");
    }
    sb.append('\n');
    if (s.path("pods").isEmpty()) {
      sb.append("  ").append(s.path("podsProblem").asText("none")).append('\n');
    } else {
      TextTable t = new TextTable("NAME", "NODE", "READY", "RESTARTS", "ACTIVE");
      for (JsonNode p : s.path("pods")) {
        t.row(
            p.path("name").asText(),
            p.path("node").asText("-"),
            p.path("ready").asBoolean(),
            p.path("restarts").asInt(),
            p.path("active").asBoolean() ? "*" : "");
      }
      sb.append(t.render("  "));
    }
    JsonNode lease = s.path("lease");
    if (!lease.isMissingNode()) {
      sb.append("LEASE ").append(lease.path("name").asText("?")).append(": ");
      if (lease.has("problem")) {
        sb.append(lease.path("problem").asText());
      } else {
        sb.append("held by ").append(lease.path("holder").asText("nobody"));
        if (lease.has("renewedSecondsAgo")) {
          sb.append(", renewed ").append(lease.path("renewedSecondsAgo").asLong()).append("s ago");
        }
      }
      sb.append('\n');
    }
    sb.append("ACTIVE EXTENDER: ");
    if (s.has("extenderProblem")) {
      sb.append(s.path("extenderProblem").asText()).append('\n');
    } else {
      JsonNode r = s.path("readiness");
      sb.append(s.path("extender").asText())
          .append('\n')
          .append("  ready: ")
          .append(r.path("ready").asBoolean() ? "yes" : "no: " + r.path("reason").asText())
          .append('\n')
          .append("  data age: snapshot ")
          .append(seconds(r.path("snapshotAgeSeconds")))
          .append(", cluster watches ")
          .append(seconds(r.path("clusterDataAgeSeconds")))
          .append(", cloud inventory ")
          .append(seconds(r.path("cloudDataAgeSeconds")))
          .append('\n');
    }
    sb.append("FIXEDCIDRPOOLS\n");
    if (s.has("fixedCidrPoolsProblem")) {
      sb.append("  ").append(s.path("fixedCidrPoolsProblem").asText()).append('\n');
    } else if (s.path("fixedCidrPools").isEmpty()) {
      sb.append("  none\n");
    } else {
      TextTable t =
          wide
              ? new TextTable("NAME", "READY", "REASON", "MESSAGE")
              : new TextTable("NAME", "READY", "REASON");
      for (JsonNode p : s.path("fixedCidrPools")) {
        t.row(
            p.path("name").asText(),
            p.path("ready").asText(),
            p.path("reason").asText(),
            p.path("message").asText());
      }
      sb.append(t.render("  "));
    }
    return sb.toString();
  }

  private static String seconds(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.1fs", n.asDouble()) : "unknown";
  }
}
