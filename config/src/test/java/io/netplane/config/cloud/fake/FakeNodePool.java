package io.netplane.config.cloud.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ACK node pool held by the fake. Tests set it up with the fluent setters and read what the
 * client changed with the getters; every method is synchronized because the fake's handler threads
 * modify pools while tests read them.
 */
public final class FakeNodePool {
  /** A taint as ACK stores it in kubernetes_config. */
  public record Taint(String key, String value, String effect) {}

  private final String id;
  private String name;
  private String type = "ess";
  private List<String> vSwitchIds = List.of();
  private List<String> instanceTypes = List.of();
  private List<String> securityGroupIds = List.of();
  private Long desiredSize;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<Taint> taints = new ArrayList<>();
  private String state = "active";
  private long totalNodes;
  private long healthyNodes;
  private Boolean lastUpdateNodes;
  private int modifications;

  FakeNodePool(String id, String name) {
    this.id = id;
    this.name = name;
  }

  public synchronized String id() {
    return id;
  }

  public synchronized String name() {
    return name;
  }

  public synchronized FakeNodePool name(String name) {
    this.name = name;
    return this;
  }

  public synchronized String type() {
    return type;
  }

  public synchronized FakeNodePool type(String type) {
    this.type = type;
    return this;
  }

  public synchronized List<String> vSwitchIds() {
    return vSwitchIds;
  }

  public synchronized FakeNodePool vSwitchIds(List<String> ids) {
    this.vSwitchIds = List.copyOf(ids);
    return this;
  }

  public synchronized List<String> instanceTypes() {
    return instanceTypes;
  }

  public synchronized FakeNodePool instanceTypes(List<String> types) {
    this.instanceTypes = List.copyOf(types);
    return this;
  }

  public synchronized List<String> securityGroupIds() {
    return securityGroupIds;
  }

  public synchronized FakeNodePool securityGroupIds(List<String> ids) {
    this.securityGroupIds = List.copyOf(ids);
    return this;
  }

  public synchronized Long desiredSize() {
    return desiredSize;
  }

  /** Sets desired_size; node counts follow, as if ACK had scaled instantly. */
  public synchronized FakeNodePool desiredSize(long size) {
    this.desiredSize = size;
    this.totalNodes = size;
    this.healthyNodes = size;
    return this;
  }

  public synchronized Map<String, String> labels() {
    return Map.copyOf(labels);
  }

  public synchronized FakeNodePool label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  synchronized void replaceLabels(Map<String, String> newLabels) {
    labels.clear();
    labels.putAll(newLabels);
  }

  public synchronized List<Taint> taints() {
    return List.copyOf(taints);
  }

  public synchronized FakeNodePool taint(String key, String value, String effect) {
    taints.add(new Taint(key, value, effect));
    return this;
  }

  synchronized void replaceTaints(List<Taint> newTaints) {
    taints.clear();
    taints.addAll(newTaints);
  }

  public synchronized String state() {
    return state;
  }

  /** Overrides the status block (e.g. "scaling" with fewer healthy nodes than total). */
  public synchronized FakeNodePool status(String state, long totalNodes, long healthyNodes) {
    this.state = state;
    this.totalNodes = totalNodes;
    this.healthyNodes = healthyNodes;
    return this;
  }

  /** {@code update_nodes} of the last modify request; null before any. */
  public synchronized Boolean lastUpdateNodes() {
    return lastUpdateNodes;
  }

  /** Number of successful ModifyClusterNodePool calls. */
  public synchronized int modifications() {
    return modifications;
  }

  synchronized void modified(Boolean updateNodes) {
    this.lastUpdateNodes = updateNodes;
    this.modifications++;
  }

  /** The pool as DescribeClusterNodePools / DescribeClusterNodePoolDetail return it. */
  synchronized ObjectNode toJson(ObjectMapper json, String regionId) {
    ObjectNode pool = json.createObjectNode();
    pool.putObject("nodepool_info")
        .put("nodepool_id", id)
        .put("name", name)
        .put("type", type)
        .put("region_id", regionId)
        .put("is_default", false);
    ObjectNode scaling = pool.putObject("scaling_group");
    strings(scaling.putArray("vswitch_ids"), vSwitchIds);
    strings(scaling.putArray("instance_types"), instanceTypes);
    strings(scaling.putArray("security_group_ids"), securityGroupIds);
    if (desiredSize != null) {
      scaling.put("desired_size", desiredSize);
    }
    ObjectNode kube = pool.putObject("kubernetes_config").put("runtime", "containerd");
    ArrayNode labelArray = kube.putArray("labels");
    labels.forEach((k, v) -> labelArray.addObject().put("key", k).put("value", v));
    ArrayNode taintArray = kube.putArray("taints");
    taints.forEach(
        t ->
            taintArray
                .addObject()
                .put("key", t.key())
                .put("value", t.value())
                .put("effect", t.effect()));
    pool.putObject("status")
        .put("state", state)
        .put("total_nodes", totalNodes)
        .put("healthy_nodes", healthyNodes)
        .put("serving_nodes", healthyNodes)
        .put("failed_nodes", 0)
        .put("initial_nodes", Math.max(0, totalNodes - healthyNodes))
        .put("offline_nodes", 0)
        .put("removing_nodes", 0);
    return pool;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
