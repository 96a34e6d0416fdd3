package io.netplane.extender.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects as a Terway cluster on ECS would hold them: what kubelet, the Terway agent and
 * controller, and Terway's pod webhook would write, written here directly because none of them
 * runs.
 */
final class Fixtures {
  static final String REGION = "cn-hangzhou";
  static final String ZONE_H = "cn-hangzhou-h";
  static final String ZONE_I = "cn-hangzhou-i";
  static final String ZONE_J = "cn-hangzhou-j";

  /**
   * 4 vCPU / 16 GiB; EniQuantity 4, 15 IPv4 per ENI, EniTotalQuantity 20, trunk supported (as in
   * deploy/demo).
   */
  static final String G7_XLARGE = "ecs.g7.xlarge";

  /** A burstable type without ENI trunking. */
  static final String T6_LARGE = "ecs.t6-c1m2.large";

  /** Default-network vSwitches of the base eni-config, one per zone, plenty of IPs. */
  static final Map<String, String> BASE_VSWITCHES =
      Map.of(ZONE_H, "vsw-base-h", ZONE_I, "vsw-base-i", ZONE_J, "vsw-base-j");

  /** Labels every object a test creates, so cleanup finds them. */
  static final String TEST_LABEL = "e2e.netplane.io/test";

  static final ResourceDefinitionContext POD_NETWORKINGS =
      new ResourceDefinitionContext.Builder()
          .withGroup("network.alibabacloud.com")
          .withVersion("v1beta1")
          .withKind("PodNetworking")
          .withPlural("podnetworkings")
          .withNamespaced(false)
          .build();
  static final ResourceDefinitionContext POD_ENIS =
      new ResourceDefinitionContext.Builder()
          .withGroup("network.alibabacloud.com")
          .withVersion("v1beta1")
          .withKind("PodENI")
          .withPlural("podenis")
          .withNamespaced(true)
          .build();

  private Fixtures() {}

  /** Instance types and default vSwitches every E2E cloud holds. */
  static void seedCloud(FakeAlibabaCloud cloud) {
    cloud.addInstanceType(G7_XLARGE, 4, 15, 20, true);
    cloud.addInstanceType(T6_LARGE, 2, 6, 2, false);
    int i = 0;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(BASE_VSWITCHES).entrySet()) {
      cloud.addVSwitch(
          e.getValue(), e.getKey(), "10.0." + 16 * i++ + ".0/20", NetplaneExtender.VPC, 4000);
    }
  }

  /** The base kube-system/eni-config of a trunk cluster (ENIMultiIP with trunking). */
  static String baseEniConf() {
    return "{\"version\":\"1\",\"max_pool_size\":5,\"min_pool_size\":0,"
        + "\"vswitches\":{\""
        + ZONE_H
        + "\":[\""
        + BASE_VSWITCHES.get(ZONE_H)
        + "\"],\""
        + ZONE_I
        + "\":[\""
        + BASE_VSWITCHES.get(ZONE_I)
        + "\"],\""
        + ZONE_J
        + "\":[\""
        + BASE_VSWITCHES.get(ZONE_J)
        + "\"]},"
        + "\"security_group\":\"sg-e2e\",\"vswitch_selection_policy\":\"ordered\","
        + "\"enable_eni_trunking\":true,\"ip_stack\":\"ipv4\"}";
  }

  // ------------------------------------------------------------------ nodes

  /** A node as kubelet registers it and the Terway agent annotates it. */
  static final class NodeSpec {
    final String name;
    final String zone;
    String instanceType = G7_XLARGE;

    /** Exclusive ENI mode (label eniOnly, advertises aliyun/eni). */
    boolean eniOnly;

    /** Trunk ENI attached: annotation k8s.aliyun.com/trunk-on. */
    boolean trunkOn = true;

    /** EniTotalQuantity - EniQuantity of ecs.g7.xlarge, as Terway advertises it. */
    long memberEni = 16;

    long eni = 3;
    long maxAvailableIp = 45;
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<Taint> taints = new ArrayList<>();

    NodeSpec(String name, String zone) {
      this.name = name;
      this.zone = zone;
    }

    NodeSpec eniOnly() {
      eniOnly = true;
      trunkOn = false;
      return this;
    }

    NodeSpec trunkOn(boolean on) {
      trunkOn = on;
      return this;
    }

    NodeSpec instanceType(String type) {
      instanceType = type;
      return this;
    }

    NodeSpec label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    NodeSpec taint(String key, String value, String effect) {
      taints.add(new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build());
      return this;
    }

    Node object(String testId) {
      NodeBuilder b =
          new NodeBuilder()
              .withNewMetadata()
              .withName(name)
              .addToLabels("kubernetes.io/hostname", name)
              .addToLabels("kubernetes.io/os", "linux")
              .addToLabels("kubernetes.io/arch", "amd64")
              .addToLabels("topology.kubernetes.io/region", REGION)
              .addToLabels("topology.kubernetes.io/zone", zone)
              .addToLabels("failure-domain.beta.kubernetes.io/zone", zone)
              .addToLabels("node.kubernetes.io/instance-type", instanceType)
              .addToLabels("beta.kubernetes.io/instance-type", instanceType)
              .addToLabels(TEST_LABEL, testId)
              .addToLabels(labels)
              .addToAnnotations("k8s.aliyun.com/max-available-ip", Long.toString(maxAvailableIp))
              .endMetadata()
              .withNewSpec()
              .withProviderID(REGION + ".i-" + name)
              .withTaints(taints)
              .endSpec();
      if (eniOnly) {
        b.editMetadata()
            .addToLabels("k8s.aliyun.com/exclusive-mode-eni-type", "eniOnly")
            .endMetadata();
      }
      if (trunkOn) {
        b.editMetadata()
            .addToAnnotations("k8s.aliyun.com/trunk-on", "eni-trunk-" + name)
            .endMetadata();
      }
      return b.build();
    }

    /**
     * Status as kubelet (Ready, capacity) and the Terway device plugin (ENI resources) report it.
     */
    NodeStatus status() {
      Map<String, Quantity> capacity = new LinkedHashMap<>();
      capacity.put("cpu", new Quantity("4"));
      capacity.put("memory", new Quantity("16Gi"));
      capacity.put("pods", new Quantity("110"));
      capacity.put("ephemeral-storage", new Quantity("120Gi"));
      if (eniOnly) {
        capacity.put("aliyun/eni", new Quantity(Long.toString(eni)));
      } else if (trunkOn) {
        capacity.put("aliyun/member-eni", new Quantity(Long.toString(memberEni)));
      }
      Map<String, Quantity> allocatable = new LinkedHashMap<>(capacity);
      allocatable.put("cpu", new Quantity("3900m"));
      allocatable.put("memory", new Quantity("14Gi"));
      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      List<NodeCondition> conditions =
          List.of(
              condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
              condition(
                  "MemoryPressure",
                  "False",
                  "KubeletHasSufficientMemory",
                  "kubelet has sufficient memory available",
                  now),
              condition(
                  "DiskPressure",
                  "False",
                  "KubeletHasNoDiskPressure",
                  "kubelet has no disk pressure",
                  now),
              condition(
                  "PIDPressure",
                  "False",
                  "KubeletHasSufficientPID",
                  "kubelet has sufficient PID available",
                  now));
      return new NodeStatusBuilder()
          .withCapacity(capacity)
          .withAllocatable(allocatable)
          .withConditions(conditions)
          .addNewAddress()
          .withType("InternalIP")
          .withAddress("192.168.0." + Math.floorMod(name.hashCode(), 250))
          .endAddress()
          .addNewAddress()
          .withType("Hostname")
          .withAddress(name)
          .endAddress()
          .withNewNodeInfo()
          .withKubeletVersion("v1.33.13")
          .withContainerRuntimeVersion("containerd://1.6.28")
          .withOperatingSystem("linux")
          .withArchitecture("amd64")
          .withOsImage("Alibaba Cloud Linux 3")
          .withKernelVersion("5.10.134")
          .withKubeProxyVersion("")
          .withMachineID("m")
          .withSystemUUID("s")
          .withBootID("b")
          .endNodeInfo()
          .build();
    }

    private static NodeCondition condition(
        String type, String status, String reason, String message, String now) {
      return new NodeConditionBuilder()
          .withType(type)
          .withStatus(status)
          .withReason(reason)
          .withMessage(message)
          .withLastHeartbeatTime(now)
          .withLastTransitionTime(now)
          .build();
    }
  }

  // ------------------------------------------------------------------ pods

  /** A pod as a user (and, with {@link #memberEni}/{@link #eni}, Terway's webhook) writes it. */
  static final class PodSpec {
    final String namespace;
    final String name;
    final Map<String, String> labels = new LinkedHashMap<>();
    final Map<String, String> annotations = new LinkedHashMap<>();
    final Map<String, String> nodeSelector = new LinkedHashMap<>();
    final List<Toleration> tolerations = new ArrayList<>();
    String extendedResource;
    String ownerKind;
    String ownerName;
    String ownerUid;
    String schedulerName;

    PodSpec(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
    }

    PodSpec label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    PodSpec annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    PodSpec nodeSelector(String key, String value) {
      nodeSelector.put(key, value);
      return this;
    }

    PodSpec tolerate(String key, String value, String effect) {
      tolerations.add(
          new TolerationBuilder()
              .withKey(key)
              .withOperator("Equal")
              .withValue(value)
              .withEffect(effect)
              .build());
      return this;
    }

    /** A trunk member ENI, as Terway's webhook injects for a trunk PodNetworking. */
    PodSpec memberEni() {
      extendedResource = "aliyun/member-eni";
      return this;
    }

    /** An exclusive ENI, as Terway's webhook injects for an eniType ENI PodNetworking. */
    PodSpec eni() {
      extendedResource = "aliyun/eni";
      return this;
    }

    /** Left to another scheduler: the test's kube-scheduler never tries it. */
    PodSpec schedulerName(String name) {
      this.schedulerName = name;
      return this;
    }

    PodSpec ownedBy(String kind, String ownerName, String uid) {
      this.ownerKind = kind;
      this.ownerName = ownerName;
      this.ownerUid = uid;
      return this;
    }

    io.fabric8.kubernetes.api.model.Pod object() {
      Map<String, Quantity> requests = new LinkedHashMap<>();
      requests.put("cpu", new Quantity("100m"));
      requests.put("memory", new Quantity("64Mi"));
      Map<String, Quantity> limits = new LinkedHashMap<>();
      if (extendedResource != null) {
        requests.put(extendedResource, new Quantity("1"));
        limits.put(extendedResource, new Quantity("1"));
      }
      PodBuilder b =
          new PodBuilder()
              .withNewMetadata()
              .withNamespace(namespace)
              .withName(name)
              .withLabels(labels)
              .withAnnotations(annotations)
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("app")
              .withImage("registry.k8s.io/pause:3.10")
              .withNewResources()
              .withRequests(requests)
              .withLimits(limits)
              .endResources()
              .endContainer()
              .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
              .withTolerations(tolerations)
              .withTerminationGracePeriodSeconds(0L)
              .withSchedulerName(schedulerName)
              .endSpec();
      if (ownerKind != null) {
        b.editMetadata()
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind(ownerKind)
            .withName(ownerName)
            .withUid(ownerUid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .endOwnerReference()
            .endMetadata();
      }
      return b.build();
    }
  }

  // ------------------------------------------------------------------ Terway CRs

  /** A PodNetworking spec; its status is written separately, as Terway's controller does. */
  static GenericKubernetesResource podNetworking(
      String testId,
      String name,
      String eniType,
      String allocation,
      Map<String, String> podLabels,
      String namespace,
      List<String> vSwitchIds) {
    Map<String, Object> selector = new LinkedHashMap<>();
    if (podLabels != null) {
      selector.put("podSelector", Map.of("matchLabels", podLabels));
    }
    if (namespace != null) {
      selector.put(
          "namespaceSelector",
          Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace)));
    }
    Map<String, Object> allocationType = new LinkedHashMap<>();
    allocationType.put("type", allocation);
    if ("Fixed".equals(allocation)) {
      allocationType.put("releaseStrategy", "Never");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("eniOptions", Map.of("eniType", eniType));
    spec.put("allocationType", allocationType);
    spec.put("selector", selector);
    spec.put("securityGroupIDs", List.of("sg-e2e"));
    spec.put("vSwitchOptions", vSwitchIds);
    spec.put("vSwitchSelectOptions", Map.of("vSwitchSelectionPolicy", "ordered"));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("network.alibabacloud.com/v1beta1")
        .withKind("PodNetworking")
        .withNewMetadata()
        .withName(name)
        .addToLabels(TEST_LABEL, testId)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /** The status Terway's controller sets once every vSwitch resolved: Ready with their zones. */
  static Map<String, Object> podNetworkingReadyStatus(
      FakeAlibabaCloud cloud, List<String> vSwitchIds) {
    List<Map<String, String>> vs = new ArrayList<>();
    for (String id : vSwitchIds) {
      vs.add(Map.of("id", id, "zone", cloud.vSwitch(id).zoneId()));
    }
    return Map.of(
        "status",
        Map.of(
            "status",
            "Ready",
            "vSwitches",
            vs,
            "updateAt",
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  /**
   * The PodENI Terway's controller keeps for a fixed-IP pod once its ENI is created on {@code node}
   * in {@code zone}: same name as the pod, a Fixed allocation that is never released.
   */
  static GenericKubernetesResource podEni(
      String testId,
      String namespace,
      String pod,
      String podUid,
      String node,
      String zone,
      String vSwitchId,
      String ip) {
    Map<String, Object> eni = new LinkedHashMap<>();
    eni.put("id", "eni-" + pod);
    eni.put("vpcID", NetplaneExtender.VPC);
    eni.put("mac", "00:16:3e:00:00:01");
    eni.put("zone", zone);
    eni.put("vSwitchID", vSwitchId);
    eni.put("securityGroupIDs", List.of("sg-e2e"));
    eni.put("attachmentOptions", Map.of("trunk", true));
    Map<String, Object> allocation = new LinkedHashMap<>();
    allocation.put("allocationType", Map.of("type", "Fixed", "releaseStrategy", "Never"));
    allocation.put("eni", eni);
    allocation.put("ipv4", ip);
    allocation.put("ipv4CIDR", "10.0.0.0/16");
    allocation.put("interface", "eth0");
    allocation.put("defaultRoute", true);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("network.alibabacloud.com/v1beta1")
        .withKind("PodENI")
        .withNewMetadata()
        .withName(pod)
        .withNamespace(namespace)
        .addToLabels("k8s.aliyun.com/node", node)
        .addToLabels(TEST_LABEL, testId)
        .addToAnnotations("k8s.aliyun.com/pod-uid", podUid)
        .endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("zone", zone, "allocations", List.of(allocation))))
        .build();
  }

  static Map<String, Object> podEniStatus(String phase, String node) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    if (node != null) {
      status.put("instanceID", "i-" + node);
      status.put("trunkENIID", "eni-trunk-" + node);
    }
    status.put("podLastSeen", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return Map.of("status", status);
  }
}
