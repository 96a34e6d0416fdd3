package io.netplane.config.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The slim view of a Pod the decision core reads.
 *
 * @param ownerKinds kinds of all its ownerReferences, in order; empty for a bare pod
 * @param nodeName {@code spec.nodeName}, or null while pending
 * @param finished phase Succeeded or Failed: holds no IP
 * @param hasIp {@code status.podIP} set
 * @param ipUnseenByCloud it got its IP after the cloud data was taken, so the cloud's free-IP
 *     counts do not show it yet (known to the live edge only; a static snapshot's cloud responses
 *     are taken as current)
 * @param memberEniRequest {@code aliyun/member-eni} requested by the pod
 * @param eniRequest {@code aliyun/eni} requested by the pod
 * @param eip EIP annotations, for lint
 */
public record PodView(
    String namespace,
    String name,
    String uid,
    Map<String, String> labels,
    List<String> ownerKinds,
    boolean hostNetwork,
    NetworkAnnotations networkAnnotations,
    String nodeName,
    boolean finished,
    boolean hasIp,
    boolean ipUnseenByCloud,
    long memberEniRequest,
    long eniRequest,
    Instant created,
    EipRequest eip) {

  public PodView {
    labels = Map.copyOf(labels);
    ownerKinds = List.copyOf(ownerKinds);
  }

  /** The same pod, whose IP the cloud data does not show yet. */
  public PodView withIpUnseenByCloud() {
    return new PodView(
        namespace,
        name,
        uid,
        labels,
        ownerKinds,
        hostNetwork,
        networkAnnotations,
        nodeName,
        finished,
        hasIp,
        true,
        memberEniRequest,
        eniRequest,
        created,
        eip);
  }

  /**
   * Its IP is not in the cloud's free-IP counts: it has none yet, or got it after they were taken.
   */
  public boolean ipInFlight() {
    return !hasIp || ipUnseenByCloud;
  }

  public String key() {
    return namespace + "/" + name;
  }

  public boolean ignoredByTerway() {
    return "true".equals(labels.get(Labels.IGNORE_BY_TERWAY));
  }

  /** Like Terway, any owner of kind DaemonSet makes it a DaemonSet pod, controller or not. */
  public boolean daemonSet() {
    return ownedBy("DaemonSet");
  }

  /** Some ownerReference has this kind (its API group is not compared, as in Terway). */
  public boolean ownedBy(String kind) {
    return ownerKinds.contains(kind);
  }

  /**
   * What the pod asks of the EIP controller.
   *
   * @param auto {@code pod-with-eip: "true"}
   * @param staticEipId {@code pod-eip-instanceid}, or null
   */
  public record EipRequest(boolean auto, String staticEipId) {
    public static final EipRequest NONE = new EipRequest(false, null);
  }
}
