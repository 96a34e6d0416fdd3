package io.netplane.config.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.Allocation;
import io.netplane.config.model.EniType;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.LabelSelector;
import io.netplane.config.model.Labels;
import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.NetworkSpec;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Kubernetes objects, as the API serves them in JSON, into the decision core's slim views.
 * Used by the static loader, by the informers of the live modes and by the HTTP edge for the pod
 * kube-scheduler sends; it reads nothing and knows no loader.
 */
public final class KubeObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubeObjects() {}

  public static NodeView node(JsonNode o) {
    Map<String, String> labels = stringMap(o.path("metadata").path("labels"));
    Map<String, String> annotations = stringMap(o.path("metadata").path("annotations"));
    JsonNode allocatable = o.path("status").path("allocatable");
    boolean insufficientIp = false;
    for (JsonNode c : o.path("status").path("conditions")) {
      if ("SufficientIP".equals(c.path("type").asText())
          && "False".equals(c.path("status").asText())) {
        insufficientIp = true;
      }
    }
    String instanceType = firstOf(labels, Labels.INSTANCE_TYPE, Labels.INSTANCE_TYPE_LEGACY);
    return new NodeView(
        o.path("metadata").path("name").asText(),
        firstOf(labels, Labels.ZONE, Labels.ZONE_LEGACY),
        labels,
        instanceType,
        labels.get(Labels.TERWAY_CONFIG),
        "eniOnly".equals(labels.get(Labels.EXCLUSIVE_ENI_MODE)),
        "virtual-kubelet".equals(labels.get(Labels.VIRTUAL_NODE_TYPE)),
        annotations.get(Labels.TRUNK_ON),
        integer(annotations.get(Labels.MAX_AVAILABLE_IP)),
        insufficientIp,
        quantity(allocatable.path(Labels.MEMBER_ENI_RESOURCE)),
        quantity(allocatable.path(Labels.ENI_RESOURCE)),
        annotatedLimits(annotations.get(Labels.INSTANCE_TYPE_INFO), instanceType),
        o.path("spec").path("unschedulable").asBoolean(false));
  }

  /**
   * The annotation's limits, used as Terway uses them: only when they describe the node's own
   * instance type; anything unreadable is ignored and the cloud inventory decides.
   */
  private static InstanceType annotatedLimits(String annotation, String instanceType) {
    if (annotation == null || instanceType == null) {
      return null;
    }
    try {
      JsonNode info = JSON.readTree(annotation);
      if (info == null
          || !instanceType.equals(info.path("InstanceTypeId").asText())
          || !info.path("EniQuantity").isIntegralNumber()) {
        return null;
      }
      return instanceType(info);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** An ECS {@code InstanceType} as DescribeInstanceTypes (and the annotation) spell it. */
  public static InstanceType instanceType(JsonNode t) {
    return new InstanceType(
        t.path("InstanceTypeId").asText(),
        t.path("EniQuantity").asInt(),
        t.path("EniPrivateIpAddressQuantity").asInt(),
        t.path("EniTotalQuantity").asInt(),
        t.path("EniTrunkSupported").asBoolean(false));
  }

  public static NamespaceView namespace(JsonNode o) {
    return new NamespaceView(
        o.path("metadata").path("name").asText(), stringMap(o.path("metadata").path("labels")));
  }

  public static PodView pod(JsonNode o) {
    JsonNode meta = o.path("metadata");
    JsonNode spec = o.path("spec");
    Map<String, String> annotations = stringMap(meta.path("annotations"));
    String phase = o.path("status").path("phase").asText("");
    long member = 0;
    long eni = 0;
    for (JsonNode c : spec.path("containers")) {
      member += request(c, Labels.MEMBER_ENI_RESOURCE);
      eni += request(c, Labels.ENI_RESOURCE);
    }
    return new PodView(
        meta.path("namespace").asText("default"),
        meta.path("name").asText(),
        meta.path("uid").asText(""),
        stringMap(meta.path("labels")),
        ownerKinds(meta.path("ownerReferences")),
        spec.path("hostNetwork").asBoolean(false),
        PodNetworkAnnotations.parse(annotations),
        text(spec.path("nodeName")),
        phase.equals("Succeeded") || phase.equals("Failed"),
        text(o.path("status").path("podIP")) != null,
        false,
        member,
        eni,
        instant(meta.path("creationTimestamp")),
        eip(annotations));
  }

  public static PodNetworking podNetworking(JsonNode o) {
    JsonNode meta = o.path("metadata");
    JsonNode spec = o.path("spec");
    JsonNode status = o.path("status");
    List<PodNetworking.VSwitchRef> refs = new ArrayList<>();
    for (JsonNode v : status.path("vSwitches")) {
      refs.add(new PodNetworking.VSwitchRef(v.path("id").asText(), v.path("zone").asText()));
    }
    JsonNode selector = spec.path("selector");
    return new PodNetworking(
        meta.path("name").asText(),
        instant(meta.path("creationTimestamp")),
        networkSpec(spec),
        selector(selector.get("podSelector")),
        selector(selector.get("namespaceSelector")),
        "Ready".equals(status.path("status").asText()),
        text(status.path("message")),
        refs);
  }

  public static PodEni podEni(JsonNode o) {
    JsonNode meta = o.path("metadata");
    JsonNode allocations = o.path("spec").path("allocations");
    JsonNode first = allocations.path(0);
    return new PodEni(
        meta.path("namespace").asText("default"),
        meta.path("name").asText(),
        text(o.path("spec").path("zone")),
        text(meta.path("deletionTimestamp")) != null,
        allocations.isArray() && allocations.size() > 0,
        allocation(first.path("allocationType")),
        instant(o.path("status").path("podLastSeen")));
  }

  /** {@code spec} of a PodNetworking, or one entry of {@code pod-networks}: same field names. */
  static NetworkSpec networkSpec(JsonNode spec) {
    return new NetworkSpec(
        strings(spec.path("vSwitchOptions")),
        strings(spec.path("securityGroupIDs")),
        EniType.fromWire(spec.path("eniOptions").path("eniType").asText(null)),
        allocation(spec.path("allocationType")),
        SelectionPolicy.fromPodNetworking(
            spec.path("vSwitchSelectOptions").path("vSwitchSelectionPolicy").asText(null)));
  }

  static Allocation allocation(JsonNode a) {
    Allocation.AllocationType type =
        "Fixed".equals(a.path("type").asText())
            ? Allocation.AllocationType.FIXED
            : Allocation.AllocationType.ELASTIC;
    String strategy = a.path("releaseStrategy").asText("");
    Allocation.ReleaseStrategy release =
        switch (strategy) {
          case "TTL" -> Allocation.ReleaseStrategy.TTL;
          case "Never" -> Allocation.ReleaseStrategy.NEVER;
          default -> Allocation.ReleaseStrategy.UNSET;
        };
    return new Allocation(type, release, GoDuration.parse(text(a.path("releaseAfter"))));
  }

  /** Null for an absent selector (no constraint); an invalid one matches nothing. */
  static LabelSelector selector(JsonNode s) {
    if (s == null || s.isNull() || s.isMissingNode()) {
      return null;
    }
    if (!s.isObject()) {
      return LabelSelector.invalid("selector is not an object");
    }
    List<LabelSelector.Requirement> reqs = new ArrayList<>();
    for (JsonNode e : s.path("matchExpressions")) {
      String key = e.path("key").asText("");
      String opText = e.path("operator").asText("");
      LabelSelector.Operator op = LabelSelector.Operator.fromWire(opText);
      List<String> values = strings(e.path("values"));
      if (op == null) {
        return LabelSelector.invalid("unknown operator \"" + opText + "\" for key " + key);
      }
      boolean needsValues = op == LabelSelector.Operator.IN || op == LabelSelector.Operator.NOT_IN;
      if (key.isEmpty() || needsValues == values.isEmpty()) {
        return LabelSelector.invalid(
            "operator "
                + opText
                + " for key \""
                + key
                + "\" "
                + (needsValues ? "needs values" : "takes no values"));
      }
      reqs.add(new LabelSelector.Requirement(key, op, new java.util.HashSet<>(values)));
    }
    return new LabelSelector(stringMap(s.path("matchLabels")), reqs, null);
  }

  private static PodView.EipRequest eip(Map<String, String> a) {
    boolean auto =
        "true".equals(a.get("network.alibabacloud.com/pod-with-eip"))
            || "true".equals(a.get("k8s.aliyun.com/pod-with-eip"))
            || "true".equals(a.get("k8s.aliyun.com/eci-with-eip"));
    String id =
        firstOf(
            a,
            "network.alibabacloud.com/pod-eip-instanceid",
            "k8s.aliyun.com/pod-eip-instanceid",
            "k8s.aliyun.com/eci-eip-instanceid");
    return auto || id != null ? new PodView.EipRequest(auto, id) : PodView.EipRequest.NONE;
  }

  /** Every owner counts, not only the controller: Terway looks at all of them. */
  private static List<String> ownerKinds(JsonNode owners) {
    List<String> kinds = new ArrayList<>();
    if (owners.isArray()) {
      owners.forEach(o -> kinds.add(o.path("kind").asText("")));
    }
    return kinds;
  }

  private static long request(JsonNode container, String resource) {
    JsonNode res = container.path("resources");
    Long q = quantity(res.path("requests").path(resource));
    if (q == null) {
      q = quantity(res.path("limits").path(resource));
    }
    return q == null ? 0 : q;
  }

  /** Extended resources are whole numbers; anything else counts as absent. */
  static Long quantity(JsonNode q) {
    if (q.isNumber()) {
      return q.asLong();
    }
    Integer i = integer(text(q));
    return i == null ? null : i.longValue();
  }

  private static Integer integer(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Instant instant(JsonNode n) {
    String s = text(n);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String text(JsonNode n) {
    return n == null || !n.isValueNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }

  /** A JSON array's items as text; anything else is empty. */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode n) {
    if (!n.isObject()) {
      return Map.of();
    }
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static String firstOf(Map<String, String> m, String... keys) {
    for (String k : keys) {
      String v = m.get(k);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
