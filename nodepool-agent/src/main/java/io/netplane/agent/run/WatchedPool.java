package io.netplane.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.plan.PoolLabels;
import io.netplane.agent.plan.PoolMembership;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.agent.validate.PoolValidator;
import io.netplane.config.model.Labels;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A valid pool of the informer's store, as far as routing Node and ConfigMap events to it needs.
 *
 * @param nodePoolId the ACK node pool: the spec's, or for a pool to create the one its status names
 *     once created; null when not known yet (ACK then labels nothing as its member)
 */
record WatchedPool(ResolvedPool pool, String nodePoolId) {

  /** The pool of a stored object; null when its spec does not validate (it owns nothing). */
  static WatchedPool of(JsonNode raw) {
    if (!PoolValidator.validate(raw).isEmpty()) {
      return null;
    }
    ResolvedPool pool = ResolvedPool.of(PoolValidator.parse(FixedCidrPool.KIND, raw));
    String id =
        pool.nodePoolId() != null
            ? pool.nodePoolId()
            : raw.path("status").path("nodePoolId").textValue();
    return new WatchedPool(pool, id);
  }

  /**
   * The pools a node with these labels and annotations concerns: those it is a member of (a node
   * joining, or losing a label or the taint) and the one it says owns it (a node leaving).
   */
  static Set<String> ofNode(
      Collection<WatchedPool> pools, Map<String, String> labels, Map<String, String> annotations) {
    Set<String> out = new TreeSet<>();
    for (WatchedPool w : pools) {
      if (PoolMembership.member(w.pool(), w.nodePoolId(), labels)
          || w.pool().name().equals(annotations.get(PoolLabels.OWNER))) {
        out.add(w.pool().name());
      }
    }
    return out;
  }

  /**
   * The pools a kube-system ConfigMap concerns: every pool for the base eni-config (the findings
   * depend on it), else the pool whose override it is.
   */
  static Set<String> ofConfigMap(Collection<WatchedPool> pools, String name) {
    Set<String> out = new TreeSet<>();
    for (WatchedPool w : pools) {
      if (Labels.BASE_ENI_CONFIG.equals(name) || w.pool().configMapName().equals(name)) {
        out.add(w.pool().name());
      }
    }
    return out;
  }
}
