package io.netplane.agent.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The override ConfigMap. The pool owns only some {@code eni_conf} keys ({@code vswitches}, and
 * {@code security_groups} when it sets groups), recorded in an annotation: keys others added are
 * kept, keys the pool stopped owning are removed (or given back, on an adopted ConfigMap). A
 * ConfigMap netplane did not create is never written unless the pool adopts it. The base {@code
 * eni-config} is never written.
 */
final class ConfigMapPlanner {
  static final String VSWITCHES = "vswitches";
  static final String SECURITY_GROUPS = "security_groups";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigMapPlanner() {}

  static ConfigMapStep plan(PlanContext ctx, List<Finding> findings) {
    ResolvedPool pool = ctx.pool;
    ConfigMapState cm = ctx.observed.override();
    boolean adopting = cm != null && !ownedBy(cm, pool.name());
    if (adopting && !mayAdopt(cm, pool, findings)) {
      return null;
    }
    if (ctx.podVSwitches.isEmpty()) {
      return null;
    }
    ObjectNode existing = existing(cm, findings);
    Set<String> owned = new TreeSet<>();
    owned.add(VSWITCHES);
    if (pool.securityGroupIds() != null) {
      owned.add(SECURITY_GROUPS);
    }
    ObjectNode desired = existing == null ? JSON.createObjectNode() : existing.deepCopy();
    ObjectNode adopted = adopting ? takenOver(existing) : adopted(cm);
    Set<String> before =
        cm == null || adopting
            ? Set.of()
            : PlanContext.csv(cm.annotation(PoolLabels.OWNED_ENI_CONF_KEYS));
    for (String k : before) {
      if (!owned.contains(k)) {
        giveBack(desired, k, adopted);
      }
    }
    desired.set(VSWITCHES, vSwitches(ctx.podVSwitches));
    if (pool.securityGroupIds() != null) {
      ArrayNode groups = desired.arrayNode();
      pool.securityGroupIds().forEach(groups::add);
      desired.set(SECURITY_GROUPS, groups);
    }
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(PoolLabels.OWNER, pool.name());
    annotations.put(PoolLabels.OWNED_ENI_CONF_KEYS, String.join(",", owned));
    annotations.put(PoolLabels.OWNED_LABELS, String.join(",", pool.nodeLabels().keySet()));
    annotations.put(PoolLabels.OWNED_TAINT, Taints.format(pool.taint()));
    if (adopted != null) {
      annotations.put(PoolLabels.ADOPTED, write(adopted));
    }
    // an adopted ConfigMap keeps its labels: its managed-by names whoever created it
    Map<String, String> labels =
        adopted != null ? Map.of() : Map.of(PoolLabels.MANAGED_BY, PoolLabels.MANAGER);
    String previous = cm == null ? null : cm.data().get(PoolLabels.ENI_CONF);
    if (cm != null
        && desired.equals(existing)
        && contains(cm.annotations(), annotations)
        && contains(cm.labels(), labels)) {
      return null;
    }
    return new ConfigMapStep(
        cm == null ? ConfigMapStep.Action.CREATE : ConfigMapStep.Action.UPDATE,
        pool.configMapName(),
        write(desired),
        previous,
        labels,
        annotations,
        cm == null ? null : cm.resourceVersion());
  }

  /**
   * Deletes the override when this pool created it; an adopted one is given back instead: the keys
   * the pool took over are restored and its annotations removed. Any other ConfigMap is left alone.
   */
  static ConfigMapStep planDelete(PlanContext ctx, List<Finding> findings) {
    ConfigMapState cm = ctx.observed.override();
    if (cm == null || !ownedBy(cm, ctx.pool.name())) {
      return null;
    }
    String conf = cm.data().get(PoolLabels.ENI_CONF);
    ObjectNode adopted = adopted(cm);
    if (adopted == null) {
      return new ConfigMapStep(
          ConfigMapStep.Action.DELETE,
          cm.name(),
          null,
          conf,
          Map.of(),
          Map.of(),
          cm.resourceVersion());
    }
    ObjectNode current = existing(cm, findings);
    ObjectNode restored = current == null ? JSON.createObjectNode() : current.deepCopy();
    PlanContext.csv(cm.annotation(PoolLabels.OWNED_ENI_CONF_KEYS))
        .forEach(k -> giveBack(restored, k, adopted));
    return new ConfigMapStep(
        ConfigMapStep.Action.RELEASE,
        cm.name(),
        write(restored),
        conf,
        Map.of(),
        Map.of(),
        cm.resourceVersion());
  }

  /**
   * Whether the pool's ownership marks are on {@code cm}: its name in the owner annotation, and
   * netplane's managed-by label (created) or the adoption record (adopted).
   */
  static boolean ownedBy(ConfigMapState cm, String pool) {
    return pool.equals(cm.annotation(PoolLabels.OWNER))
        && (PoolLabels.MANAGER.equals(cm.labels().get(PoolLabels.MANAGED_BY))
            || cm.annotation(PoolLabels.ADOPTED) != null);
  }

  /**
   * A ConfigMap the pool does not own is taken over only when asked to, and only a Terway override.
   */
  private static boolean mayAdopt(ConfigMapState cm, ResolvedPool pool, List<Finding> findings) {
    String subject = "kube-system/" + cm.name();
    String owner = cm.annotation(PoolLabels.OWNER);
    if (owner != null && !owner.equals(pool.name())) {
      findings.add(
          new Finding(
              FindingId.CONFIGMAP_OWNED_BY_OTHER_POOL,
              subject,
              "ConfigMap belongs to pool "
                  + owner
                  + "; give this pool another spec.configMapName"));
      return false;
    }
    if (!pool.adoptConfigMap()) {
      findings.add(
          new Finding(
              FindingId.CONFIGMAP_NOT_OWNED,
              subject,
              "exists and netplane did not create it; set spec.adoptConfigMap: true to let the pool take over its "
                  + VSWITCHES
                  + " and "
                  + SECURITY_GROUPS
                  + " (given back on delete), or give the pool another spec.configMapName"));
      return false;
    }
    if (eniConfObject(cm) == null) {
      findings.add(
          new Finding(
              FindingId.CONFIGMAP_NOT_AN_OVERRIDE,
              subject,
              "has no eni_conf JSON object, so it is not a Terway override; it is not taken over: give the pool another spec.configMapName"));
      return false;
    }
    findings.add(
        new Finding(
            FindingId.CONFIGMAP_ADOPTED,
            subject,
            "existing ConfigMap not created by netplane; the pool takes over its "
                + VSWITCHES
                + (pool.securityGroupIds() != null ? " and " + SECURITY_GROUPS : "")
                + " (spec.adoptConfigMap)"));
    return true;
  }

  /** The keys a pool may own, as they are in the override it adopts. */
  private static ObjectNode takenOver(ObjectNode existing) {
    ObjectNode out = JSON.createObjectNode();
    for (String k : List.of(VSWITCHES, SECURITY_GROUPS)) {
      if (existing != null && existing.has(k)) {
        out.set(k, existing.get(k));
      }
    }
    return out;
  }

  /** The adoption record of an owned ConfigMap, or null when the pool created it. */
  private static ObjectNode adopted(ConfigMapState cm) {
    String v = cm == null ? null : cm.annotation(PoolLabels.ADOPTED);
    if (v == null) {
      return null;
    }
    try {
      return JSON.readTree(v) instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      // a mangled record still says the ConfigMap was adopted: keep it, give nothing back
      return JSON.createObjectNode();
    }
  }

  /** Puts {@code key} back as it was before adoption, or removes it when the pool added it. */
  private static void giveBack(ObjectNode conf, String key, ObjectNode adopted) {
    if (adopted != null && adopted.has(key)) {
      conf.set(key, adopted.get(key));
    } else {
      conf.remove(key);
    }
  }

  private static ObjectNode eniConfObject(ConfigMapState cm) {
    String conf = cm.data().get(PoolLabels.ENI_CONF);
    try {
      return conf != null && JSON.readTree(conf) instanceof ObjectNode o ? o : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static ObjectNode existing(ConfigMapState cm, List<Finding> findings) {
    if (cm == null || cm.data().get(PoolLabels.ENI_CONF) == null) {
      return null;
    }
    ObjectNode o = eniConfObject(cm);
    if (o == null) {
      findings.add(
          new Finding(
              FindingId.OVERRIDE_NOT_JSON,
              "kube-system/" + cm.name(),
              "eni_conf is not a JSON object (Terway cannot use it); it is replaced"));
    }
    return o;
  }

  private static ObjectNode vSwitches(List<VSwitch> podVSwitches) {
    Map<String, List<String>> byZone = new TreeMap<>();
    for (VSwitch v : podVSwitches) {
      byZone.computeIfAbsent(v.zone(), z -> new ArrayList<>()).add(v.id());
    }
    ObjectNode out = JSON.createObjectNode();
    byZone.forEach(
        (zone, ids) -> {
          ArrayNode a = out.putArray(zone);
          ids.forEach(a::add);
        });
    return out;
  }

  private static boolean contains(Map<String, String> have, Map<String, String> want) {
    return want.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
