package io.netplane.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.netplane.agent.plan.ConfigMapState;
import io.netplane.agent.plan.ConfigMapStep;
import io.netplane.agent.plan.NodeStep;
import io.netplane.agent.plan.ObservedNode;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes edge of the agent: reads ConfigMaps, Nodes and Pods, and writes only what a plan
 * step names. Writes are patches with field manager {@code netplane}, conditional on the observed
 * resourceVersion (a concurrent writer gives 409 and the applier plans again), and they name only
 * the agent's keys, so other labels, taints, annotations and data keys stay. Patches are RFC 6902
 * JSON patches (see {@link JsonPatch}); server-side apply is not used because fabric8's mock API
 * server, which the ITs run against, answers it with 415.
 */
public final class KubeCluster implements KubeReads {
  public static final String FIELD_MANAGER = "netplane";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PatchContext JSON_PATCH =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON)
          .withFieldManager(FIELD_MANAGER)
          .build();

  private final KubernetesClient client;

  public KubeCluster(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  /** A kube-system ConfigMap, or null. */
  @Override
  public ConfigMapState configMap(String name) {
    ConfigMap cm = client.configMaps().inNamespace(PoolLabels.NAMESPACE).withName(name).get();
    return cm == null ? null : state(cm);
  }

  public static ConfigMapState state(ConfigMap cm) {
    return new ConfigMapState(
        cm.getMetadata().getName(),
        cm.getData(),
        cm.getMetadata().getLabels(),
        cm.getMetadata().getAnnotations(),
        cm.getMetadata().getResourceVersion());
  }

  @Override
  public List<ObservedNode> nodes() {
    return client.nodes().list().getItems().stream().map(this::node).toList();
  }

  public ObservedNode node(Node n) {
    JsonNode json = client.getKubernetesSerialization().convertValue(n, JsonNode.class);
    List<NodeTaint> taints = new ArrayList<>();
    Map<String, String> added = new HashMap<>();
    if (n.getSpec() != null && n.getSpec().getTaints() != null) {
      for (Taint t : n.getSpec().getTaints()) {
        NodeTaint taint = new NodeTaint(t.getKey(), t.getValue(), t.getEffect());
        taints.add(taint);
        if (t.getTimeAdded() != null) {
          added.put(ObservedNode.taintId(taint), t.getTimeAdded());
        }
      }
    }
    return new ObservedNode(
        KubeObjects.node(json),
        n.getMetadata().getAnnotations(),
        taints,
        n.getMetadata().getResourceVersion(),
        added);
  }

  /** Pods bound to any of {@code nodeNames}. */
  @Override
  public List<PodView> podsOn(Set<String> nodeNames) {
    if (nodeNames.isEmpty()) {
      return List.of();
    }
    List<PodView> out = new ArrayList<>();
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      // a Pending pod has no node yet (and the set's contains(null) would throw)
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      if (node != null && nodeNames.contains(node)) {
        out.add(
            KubeObjects.pod(client.getKubernetesSerialization().convertValue(p, JsonNode.class)));
      }
    }
    return out;
  }

  public void write(ConfigMapStep step) {
    var cms = client.configMaps().inNamespace(PoolLabels.NAMESPACE);
    switch (step.action()) {
      case CREATE ->
          cms.resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(step.name())
                      .withNamespace(PoolLabels.NAMESPACE)
                      .withLabels(step.labels())
                      .withAnnotations(step.annotations())
                      .endMetadata()
                      .addToData(PoolLabels.ENI_CONF, step.eniConf())
                      .build())
              .create();
      case UPDATE -> {
        ConfigMap current = current(cms.withName(step.name()).get(), step);
        JsonPatch patch =
            new JsonPatch()
                .resourceVersion(step.resourceVersion())
                .map(
                    "/metadata/labels",
                    orEmpty(current.getMetadata().getLabels()),
                    step.labels(),
                    Set.of())
                .map(
                    "/metadata/annotations",
                    orEmpty(current.getMetadata().getAnnotations()),
                    step.annotations(),
                    Set.of())
                .map(
                    "/data",
                    orEmpty(current.getData()),
                    Map.of(PoolLabels.ENI_CONF, step.eniConf()),
                    Set.of());
        cms.withName(step.name()).patch(JSON_PATCH, patch.toString());
      }
      case RELEASE -> {
        ConfigMap current = current(cms.withName(step.name()).get(), step);
        Map<String, String> annotations = orEmpty(current.getMetadata().getAnnotations());
        JsonPatch patch =
            new JsonPatch()
                .resourceVersion(step.resourceVersion())
                .map(
                    "/metadata/annotations",
                    annotations,
                    Map.of(),
                    Set.copyOf(PoolLabels.CONFIG_MAP_ANNOTATIONS))
                .map(
                    "/data",
                    orEmpty(current.getData()),
                    Map.of(PoolLabels.ENI_CONF, step.eniConf()),
                    Set.of());
        cms.withName(step.name()).patch(JSON_PATCH, patch.toString());
      }
      case DELETE -> {
        // only the version that was read (and found to carry the pool's marks) is deleted
        current(cms.withName(step.name()).get(), step);
        cms.withName(step.name()).lockResourceVersion(step.resourceVersion()).delete();
      }
    }
  }

  /** Patches one node; {@code observed} is the node the step was planned from. */
  public void write(NodeStep step, ObservedNode observed) {
    JsonPatch patch =
        new JsonPatch()
            .resourceVersion(step.resourceVersion())
            .map("/metadata/labels", observed.labels(), step.setLabels(), step.removeLabels())
            .map(
                "/metadata/annotations",
                observed.annotations(),
                step.setAnnotations(),
                step.removeAnnotations());
    if (step.taintsAfter() != null) {
      // the whole list: the observed one with only the pool's taint changed; the resourceVersion
      // turns a concurrent change into a 409 instead of a lost update
      ArrayNode taints = JSON.createArrayNode();
      for (NodeTaint t : step.taintsAfter()) {
        ObjectNode o = taints.addObject().put("key", t.key()).put("effect", t.effect());
        if (!t.value().isEmpty()) {
          o.put("value", t.value());
        }
        String added = observed.timeAdded(t);
        if (added != null) {
          o.put("timeAdded", added);
        }
      }
      patch.add("/spec/taints", taints);
    }
    client.nodes().withName(step.node()).patch(JSON_PATCH, patch.toString());
  }

  /** {@code current} when it is still the version the step was planned from; else a 409. */
  private static ConfigMap current(ConfigMap current, ConfigMapStep step) {
    if (current == null
        || !step.resourceVersion().equals(current.getMetadata().getResourceVersion())) {
      throw conflict("ConfigMap " + step.name() + " changed since it was read");
    }
    return current;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static KubernetesClientException conflict(String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(409).withReason("Conflict").withMessage(message).build());
  }
}
