package io.netplane.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.validate.PoolValidator;
import java.util.ArrayList;
import java.util.List;

/** FixedCidrPool objects in the cluster: read (validated), status and finalizer written. */
public final class FixedCidrPools {
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(FixedCidrPool.GROUP)
          .withVersion(FixedCidrPool.VERSION)
          .withKind(FixedCidrPool.KIND)
          .withPlural(FixedCidrPool.PLURAL)
          .withNamespaced(false)
          .build();

  /**
   * Set by the controller before it writes anything for a pool: deleting the object then waits
   * until the controller has removed what the pool set.
   */
  public static final String FINALIZER = "netplane.io/cleanup";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PatchContext JSON_PATCH =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON)
          .withFieldManager(KubeCluster.FIELD_MANAGER)
          .build();

  private final KubernetesClient client;

  public FixedCidrPools(KubernetesClient client) {
    this.client = client;
  }

  /** The raw objects, for validation (an invalid one becomes a status, not an exception). */
  public List<JsonNode> list() {
    List<JsonNode> out = new ArrayList<>();
    for (GenericKubernetesResource r :
        client.genericKubernetesResources(CONTEXT).list().getItems()) {
      out.add(json(r));
    }
    return out;
  }

  public JsonNode json(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, JsonNode.class);
  }

  /** The pool object, or null. */
  public FixedCidrPool get(String name) {
    GenericKubernetesResource r = client.genericKubernetesResources(CONTEXT).withName(name).get();
    return r == null ? null : PoolValidator.parse(FixedCidrPool.KIND + "/" + name, json(r));
  }

  /**
   * Whether an object of that name is stored, whatever its spec (false when the CRD is not
   * installed).
   */
  public boolean exists(String name) {
    return client.genericKubernetesResources(CONTEXT).withName(name).get() != null;
  }

  /** Writes the status subresource. */
  public void writeStatus(String name, FixedCidrPoolStatus status) {
    // the whole status replaced (a JSON patch: lists are not merged)
    String patch = new JsonPatch().add("/status", JSON.valueToTree(status)).toString();
    client
        .genericKubernetesResources(CONTEXT)
        .withName(name)
        .subresource("status")
        .patch(JSON_PATCH, patch);
  }

  public static boolean hasFinalizer(JsonNode raw) {
    return finalizerIndex(raw) >= 0;
  }

  /**
   * Adds {@link #FINALIZER} to the object as read; other finalizers stay. Conditional on the
   * resourceVersion read: a concurrent change gives 409.
   */
  public void addFinalizer(JsonNode raw) {
    JsonNode finalizers = raw.path("metadata").path("finalizers");
    JsonPatch patch =
        new JsonPatch().resourceVersion(raw.path("metadata").path("resourceVersion").asText());
    if (finalizers.isArray() && !finalizers.isEmpty()) {
      patch.add("/metadata/finalizers/-", JSON.getNodeFactory().textNode(FINALIZER));
    } else {
      patch.add("/metadata/finalizers", JSON.createArrayNode().add(FINALIZER));
    }
    patch(raw, patch);
  }

  /**
   * Removes {@link #FINALIZER}; a test operation makes sure the element removed is ours even when
   * others changed the list meanwhile (the patch then fails with 422 and is tried again later).
   */
  public void removeFinalizer(JsonNode raw) {
    int i = finalizerIndex(raw);
    if (i >= 0) {
      String path = "/metadata/finalizers/" + i;
      patch(raw, new JsonPatch().test(path, FINALIZER).remove(path));
    }
  }

  private void patch(JsonNode raw, JsonPatch patch) {
    client
        .genericKubernetesResources(CONTEXT)
        .withName(raw.path("metadata").path("name").asText())
        .patch(JSON_PATCH, patch.toString());
  }

  private static int finalizerIndex(JsonNode raw) {
    JsonNode finalizers = raw.path("metadata").path("finalizers");
    for (int i = 0; i < finalizers.size(); i++) {
      if (FINALIZER.equals(finalizers.get(i).asText())) {
        return i;
      }
    }
    return -1;
  }
}
