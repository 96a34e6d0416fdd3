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

/** FixedCidrPool objects in the cluster: read (validated) and status written. */
public final class FixedCidrPools {
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(FixedCidrPool.GROUP)
          .withVersion(FixedCidrPool.VERSION)
          .withKind(FixedCidrPool.KIND)
          .withPlural(FixedCidrPool.PLURAL)
          .withNamespaced(false)
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  public FixedCidrPools(KubernetesClient client) {
    this.client = client;
  }

  /** The raw objects, for validation (an invalid one becomes a status, not an exception). */
  public List<JsonNode> list() {
    List<JsonNode> out = new ArrayList<>();
    for (GenericKubernetesResource r : client.genericKubernetesResources(CONTEXT).list().getItems()) {
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

  /** Writes the status subresource. */
  public void writeStatus(String name, FixedCidrPoolStatus status) {
    // the whole status replaced (a JSON patch: lists are not merged)
    String patch = new JsonPatch().add("/status", JSON.valueToTree(status)).toString();
    client.genericKubernetesResources(CONTEXT).withName(name).subresource("status")
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON)
            .withFieldManager(KubeCluster.FIELD_MANAGER).build(), patch);
  }
}
