package io.netplane.agent.plan;

import io.netplane.config.model.NodeTaint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes to one Node, written as one conditional merge patch.
 *
 * @param resourceVersion the observed version the patch is conditional on
 * @param setLabels labels to add or change
 * @param removeLabels labels the pool set earlier and no longer wants
 * @param taintsBefore the node's taints as observed
 * @param taintsAfter the full new taint list (others' taints kept), or null when unchanged
 */
public record NodeStep(
    String node,
    String resourceVersion,
    Map<String, String> setLabels,
    Set<String> removeLabels,
    Map<String, String> setAnnotations,
    Set<String> removeAnnotations,
    List<NodeTaint> taintsBefore,
    List<NodeTaint> taintsAfter) {

  public NodeStep {
    setLabels = Collections.unmodifiableSortedMap(new TreeMap<>(setLabels));
    removeLabels = Collections.unmodifiableSortedSet(new TreeSet<>(removeLabels));
    setAnnotations = Collections.unmodifiableSortedMap(new TreeMap<>(setAnnotations));
    removeAnnotations = Collections.unmodifiableSortedSet(new TreeSet<>(removeAnnotations));
    taintsBefore = List.copyOf(taintsBefore);
    taintsAfter = taintsAfter == null ? null : List.copyOf(taintsAfter);
  }

  public boolean empty() {
    return setLabels.isEmpty()
        && removeLabels.isEmpty()
        && setAnnotations.isEmpty()
        && removeAnnotations.isEmpty()
        && taintsAfter == null;
  }

  /** Whether labels or taints change (not only the agent's bookkeeping annotations). */
  public boolean visible() {
    return !setLabels.isEmpty() || !removeLabels.isEmpty() || taintsAfter != null;
  }
}
