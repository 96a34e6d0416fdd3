package io.netplane.config.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.Allocation;
import io.netplane.config.model.EniType;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON as the API server serves it, to the decision core's views. */
class KubeObjectsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Nested
  class Nodes {
    static final String FULL =
        """
        {"apiVersion": "v1", "kind": "Node",
         "metadata": {"name": "cn-hangzhou.10.0.1.7",
           "labels": {"topology.kubernetes.io/zone": "cn-hangzhou-h",
                      "failure-domain.beta.kubernetes.io/zone": "cn-hangzhou-legacy",
                      "node.kubernetes.io/instance-type": "ecs.g7.xlarge",
                      "beta.kubernetes.io/instance-type": "ecs.legacy",
                      "terway-config": "eni-config-pool-a",
                      "k8s.aliyun.com/exclusive-mode-eni-type": "eniOnly"},
           "annotations": {"k8s.aliyun.com/trunk-on": "eni-bp1trunk",
                           "k8s.aliyun.com/max-available-ip": "45"}},
         "status": {
           "allocatable": {"cpu": "3920m", "aliyun/member-eni": "9", "aliyun/eni": 3},
           "conditions": [
             {"type": "Ready", "status": "True"},
             {"type": "SufficientIP", "status": "False", "reason": "InsufficientIP"}]}}
        """;

    @Test
    void readsEveryFieldTheCoreUses() {
      NodeView n = KubeObjects.node(json(FULL));

      assertThat(n.name()).isEqualTo("cn-hangzhou.10.0.1.7");
      assertThat(n.zone()).isEqualTo("cn-hangzhou-h");
      assertThat(n.instanceType()).isEqualTo("ecs.g7.xlarge");
      assertThat(n.terwayConfig()).isEqualTo("eni-config-pool-a");
      assertThat(n.eniOnly()).isTrue();
      assertThat(n.virtual()).isFalse();
      assertThat(n.trunkEniId()).isEqualTo("eni-bp1trunk");
      assertThat(n.maxAvailableIp()).isEqualTo(45);
      assertThat(n.insufficientIp()).isTrue();
      assertThat(n.allocatableMemberEni()).isEqualTo(9L);
      assertThat(n.allocatableEni()).isEqualTo(3L);
      assertThat(n.labels()).containsEntry("terway-config", "eni-config-pool-a");
    }

    @Test
    void legacyLabelsAreTheFallback() {
      NodeView n =
          KubeObjects.node(
              json(
                  """
                  {"metadata": {"name": "old",
                    "labels": {"failure-domain.beta.kubernetes.io/zone": "cn-hangzhou-i",
                               "beta.kubernetes.io/instance-type": "ecs.sn1ne.large"}}}
                  """));

      assertThat(n.zone()).isEqualTo("cn-hangzhou-i");
      assertThat(n.instanceType()).isEqualTo("ecs.sn1ne.large");
    }

    @Test
    void bareNodeHasNothingSet() {
      NodeView n = KubeObjects.node(json("{\"metadata\": {\"name\": \"bare\"}}"));

      assertThat(n.cordoned()).isFalse();
      assertThat(
              KubeObjects.node(
                      json(
                          "{\"metadata\": {\"name\": \"c\"}, \"spec\": {\"unschedulable\": true}}"))
                  .cordoned())
          .as("kubectl cordon")
          .isTrue();
      assertThat(n.zone()).isNull();
      assertThat(n.instanceType()).isNull();
      assertThat(n.terwayConfig()).isNull();
      assertThat(n.eniOnly()).isFalse();
      assertThat(n.trunkEniId()).isNull();
      assertThat(n.maxAvailableIp()).isNull();
      assertThat(n.insufficientIp()).isFalse();
      assertThat(n.allocatableMemberEni()).isNull();
      assertThat(n.allocatableEni()).isNull();
    }

    record Condition(String name, String conditions, boolean insufficient) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Condition> conditions() {
      return Stream.of(
          new Condition(
              "SufficientIP=False", "[{\"type\":\"SufficientIP\",\"status\":\"False\"}]", true),
          new Condition(
              "SufficientIP=True", "[{\"type\":\"SufficientIP\",\"status\":\"True\"}]", false),
          new Condition(
              "SufficientIP=Unknown",
              "[{\"type\":\"SufficientIP\",\"status\":\"Unknown\"}]",
              false),
          new Condition(
              "another condition False",
              "[{\"type\":\"MemoryPressure\",\"status\":\"False\"}]",
              false),
          new Condition("no conditions", "[]", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void onlySufficientIpFalseMarksTheNode(Condition c) {
      NodeView n =
          KubeObjects.node(
              json(
                  "{\"metadata\":{\"name\":\"n\"},\"status\":{\"conditions\":"
                      + c.conditions
                      + "}}"));

      assertThat(n.insufficientIp()).isEqualTo(c.insufficient);
    }

    @Test
    void virtualKubeletNode() {
      NodeView n =
          KubeObjects.node(
              json("{\"metadata\":{\"name\":\"vk\",\"labels\":{\"type\":\"virtual-kubelet\"}}}"));

      assertThat(n.virtual()).isTrue();
    }

    @Test
    void unparsableQuantitiesAndAnnotationsCountAsAbsent() {
      NodeView n =
          KubeObjects.node(
              json(
                  """
                  {"metadata": {"name": "n", "annotations": {"k8s.aliyun.com/max-available-ip": "lots"}},
                   "status": {"allocatable": {"aliyun/member-eni": "1.5"}}}
                  """));

      assertThat(n.maxAvailableIp()).isNull();
      assertThat(n.allocatableMemberEni()).isNull();
    }
  }

  @Nested
  class Pods {
    @Test
    void everyOwnerKindIsKeptInOrder() {
      PodView p =
          KubeObjects.pod(
              json(
                  """
                  {"metadata": {"name": "db-0", "namespace": "prod", "ownerReferences": [
                     {"kind": "ConfigMap", "name": "x"},
                     {"kind": "StatefulSet", "name": "db", "controller": true}]}}
                  """));

      assertThat(p.ownerKinds()).containsExactly("ConfigMap", "StatefulSet");
      assertThat(p.namespace()).isEqualTo("prod");
    }

    @Test
    void bareHasNoOwnerAndLivesInDefault() {
      PodView p = KubeObjects.pod(json("{\"metadata\": {\"name\": \"bare\"}}"));

      assertThat(p.ownerKinds()).isEmpty();
      assertThat(p.namespace()).isEqualTo("default");
      assertThat(p.nodeName()).isNull();
      assertThat(p.hasIp()).isFalse();
      assertThat(p.finished()).isFalse();
      assertThat(p.networkAnnotations().podNetworks()).isNull();
      assertThat(p.networkAnnotations().requestedNetworks()).isNull();
      assertThat(p.networkAnnotations().podNetworking()).isNull();
      assertThat(p.networkAnnotations().parseError()).isNull();
    }

    @Test
    void eniResourcesAreSummedOverContainersRequestsBeforeLimits() {
      PodView p =
          KubeObjects.pod(
              json(
                  """
                  {"metadata": {"name": "p"},
                   "spec": {"containers": [
                     {"name": "a", "resources": {"requests": {"aliyun/member-eni": "1"}, "limits": {"aliyun/member-eni": "1"}}},
                     {"name": "b", "resources": {"limits": {"aliyun/member-eni": "2", "aliyun/eni": "1"}}},
                     {"name": "c", "resources": {"requests": {"cpu": "100m"}}}]}}
                  """));

      assertThat(p.memberEniRequest()).isEqualTo(3);
      assertThat(p.eniRequest()).isEqualTo(1);
    }

    @Test
    void stateFields() {
      PodView p =
          KubeObjects.pod(
              json(
                  """
                  {"metadata": {"name": "p", "uid": "u-1", "creationTimestamp": "2025-05-01T10:00:00Z",
                                "labels": {"app": "web"}},
                   "spec": {"nodeName": "n-1", "hostNetwork": true},
                   "status": {"phase": "Running", "podIP": "10.0.0.7"}}
                  """));

      assertThat(p.uid()).isEqualTo("u-1");
      assertThat(p.created()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
      assertThat(p.labels()).containsEntry("app", "web");
      assertThat(p.nodeName()).isEqualTo("n-1");
      assertThat(p.hostNetwork()).isTrue();
      assertThat(p.hasIp()).isTrue();
      assertThat(p.finished()).isFalse();
    }

    @ParameterizedTest(name = "phase {0}")
    @org.junit.jupiter.params.provider.CsvSource({
      "Succeeded,true",
      "Failed,true",
      "Running,false",
      "Pending,false"
    })
    void finishedPhases(String phase, boolean finished) {
      PodView p =
          KubeObjects.pod(
              json("{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"" + phase + "\"}}"));

      assertThat(p.finished()).isEqualTo(finished);
    }

    @Test
    void podNetworksAnnotationIsParsed() {
      String networks =
          "{\\\"podNetworks\\\":[{\\\"vSwitchOptions\\\":[\\\"vsw-a\\\",\\\"vsw-b\\\"],"
              + "\\\"securityGroupIDs\\\":[\\\"sg-1\\\"],\\\"interface\\\":\\\"eth0\\\","
              + "\\\"eniOptions\\\":{\\\"eniType\\\":\\\"ENI\\\"},"
              + "\\\"vSwitchSelectOptions\\\":{\\\"vSwitchSelectionPolicy\\\":\\\"most\\\"},"
              + "\\\"allocationType\\\":{\\\"type\\\":\\\"Fixed\\\",\\\"releaseStrategy\\\":\\\"TTL\\\",\\\"releaseAfter\\\":\\\"1h\\\"}}]}";
      PodView p =
          KubeObjects.pod(
              json(
                  "{\"metadata\":{\"name\":\"p\",\"annotations\":{\"k8s.aliyun.com/pod-networks\":\""
                      + networks
                      + "\"}}}"));

      var spec = p.networkAnnotations().podNetworks();
      assertThat(spec).hasSize(1);
      assertThat(spec.get(0).vSwitchIds()).containsExactly("vsw-a", "vsw-b");
      assertThat(spec.get(0).securityGroupIds()).containsExactly("sg-1");
      assertThat(spec.get(0).eniType()).isEqualTo(EniType.ENI);
      assertThat(spec.get(0).selectionPolicy()).isEqualTo(SelectionPolicy.MOST);
      assertThat(spec.get(0).allocation())
          .isEqualTo(
              new Allocation(
                  Allocation.AllocationType.FIXED,
                  Allocation.ReleaseStrategy.TTL,
                  Duration.ofHours(1)));
      assertThat(p.networkAnnotations().parseError()).isNull();
    }

    @Test
    void podNetworksRequestAndPodNetworkingAnnotationsAreParsed() {
      PodView p =
          KubeObjects.pod(
              json(
                  """
                  {"metadata": {"name": "p", "annotations": {
                     "k8s.aliyun.com/pod-networks-request": "[{\\"interfaceName\\":\\"eth0\\",\\"network\\":\\"net-a\\"},{\\"interfaceName\\":\\"eth1\\",\\"network\\":\\"net-b\\",\\"defaultRoute\\":false}]",
                     "k8s.aliyun.com/pod-networking": "net-c"}}}
                  """));

      assertThat(p.networkAnnotations().requestedNetworks()).containsExactly("net-a", "net-b");
      assertThat(p.networkAnnotations().podNetworking()).isEqualTo("net-c");
      assertThat(p.networkAnnotations().parseError()).isNull();
    }

    record Bad(String annotation, String value) {
      @Override
      public String toString() {
        return annotation + ": " + value;
      }
    }

    static Stream<Bad> malformed() {
      return Stream.of(
          new Bad("k8s.aliyun.com/pod-networks", "{\\\"podNetworks\\\": [}"),
          new Bad("k8s.aliyun.com/pod-networks", "not json"),
          new Bad("k8s.aliyun.com/pod-networks-request", "[{\\\"network\\\": \\\"net-a\\\""),
          new Bad("k8s.aliyun.com/pod-networks-request", ""),
          new Bad("k8s.aliyun.com/pod-networks-request", "true"),
          new Bad("k8s.aliyun.com/pod-networks", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedValueIsAParseError(Bad bad) {
      PodView p =
          KubeObjects.pod(
              json(
                  "{\"metadata\":{\"name\":\"p\",\"annotations\":{\""
                      + bad.annotation
                      + "\":\""
                      + bad.value
                      + "\"}}}"));

      assertThat(p.networkAnnotations().parseError()).isNotBlank();
      assertThat(p.networkAnnotations().podNetworks()).isNull();
      assertThat(p.networkAnnotations().requestedNetworks()).isNull();
    }

    @Test
    void eipAnnotationsInEveryForm() {
      PodView auto =
          KubeObjects.pod(
              json(
                  "{\"metadata\":{\"name\":\"a\",\"annotations\":{\"network.alibabacloud.com/pod-with-eip\":\"true\"}}}"));
      PodView legacy =
          KubeObjects.pod(
              json(
                  "{\"metadata\":{\"name\":\"b\",\"annotations\":{\"k8s.aliyun.com/pod-with-eip\":\"true\"}}}"));
      PodView fixed =
          KubeObjects.pod(
              json(
                  "{\"metadata\":{\"name\":\"c\",\"annotations\":{\"k8s.aliyun.com/pod-eip-instanceid\":\"eip-123\"}}}"));
      PodView none = KubeObjects.pod(json("{\"metadata\":{\"name\":\"d\"}}"));

      assertThat(auto.eip().auto()).isTrue();
      assertThat(legacy.eip().auto()).isTrue();
      assertThat(fixed.eip().staticEipId()).isEqualTo("eip-123");
      assertThat(fixed.eip().auto()).isFalse();
      assertThat(none.eip()).isEqualTo(PodView.EipRequest.NONE);
    }
  }

  @Nested
  class PodNetworkings {
    static final String FULL =
        """
        {"apiVersion": "network.alibabacloud.com/v1beta1", "kind": "PodNetworking",
         "metadata": {"name": "db", "creationTimestamp": "2025-01-02T03:04:05Z"},
         "spec": {
           "allocationType": {"type": "Fixed", "releaseStrategy": "TTL", "releaseAfter": "5m0s"},
           "eniOptions": {"eniType": "Trunk"},
           "selector": {"podSelector": {"matchLabels": {"app": "db"},
                                        "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]}},
           "securityGroupIDs": ["sg-1", "sg-2"],
           "vSwitchOptions": ["vsw-a", "vsw-b"],
           "vSwitchSelectOptions": {"vSwitchSelectionPolicy": "random"}},
         "status": {"status": "Ready", "updateAt": "2025-01-02T03:05:00Z",
                    "vSwitches": [{"id": "vsw-a", "zone": "cn-hangzhou-h"}, {"id": "vsw-b", "zone": "cn-hangzhou-i"}]}}
        """;

    @Test
    void readsSpecStatusAndSelectors() {
      PodNetworking pn = KubeObjects.podNetworking(json(FULL));

      assertThat(pn.name()).isEqualTo("db");
      assertThat(pn.created()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
      assertThat(pn.ready()).isTrue();
      assertThat(pn.spec().vSwitchIds()).containsExactly("vsw-a", "vsw-b");
      assertThat(pn.spec().securityGroupIds()).containsExactly("sg-1", "sg-2");
      assertThat(pn.spec().eniType()).isEqualTo(EniType.TRUNK);
      assertThat(pn.spec().selectionPolicy()).isEqualTo(SelectionPolicy.RANDOM);
      assertThat(pn.spec().allocation())
          .isEqualTo(
              new Allocation(
                  Allocation.AllocationType.FIXED,
                  Allocation.ReleaseStrategy.TTL,
                  Duration.ofMinutes(5)));
      assertThat(pn.statusVSwitches())
          .containsExactly(
              new PodNetworking.VSwitchRef("vsw-a", "cn-hangzhou-h"),
              new PodNetworking.VSwitchRef("vsw-b", "cn-hangzhou-i"));
      assertThat(pn.podSelector().matches(Map.of("app", "db", "tier", "b"))).isTrue();
      assertThat(pn.podSelector().matches(Map.of("app", "db", "tier", "c"))).isFalse();
      assertThat(pn.namespaceSelector()).isNull();
      assertThat(pn.selectorless()).isFalse();
    }

    @Test
    void defaultsWhenFieldsAreAbsent() {
      PodNetworking pn =
          KubeObjects.podNetworking(
              json(
                  "{\"metadata\":{\"name\":\"bare\"},\"spec\":{\"vSwitchOptions\":[\"vsw-a\"]},\"status\":{\"status\":\"Fail\",\"message\":\"boom\"}}"));

      assertThat(pn.ready()).isFalse();
      assertThat(pn.statusMessage()).isEqualTo("boom");
      assertThat(pn.spec().eniType()).isEqualTo(EniType.DEFAULT);
      assertThat(pn.spec().allocation().fixed()).isFalse();
      assertThat(pn.spec().selectionPolicy()).isEqualTo(SelectionPolicy.ORDERED);
      assertThat(pn.selectorless()).isTrue();
      assertThat(pn.statusVSwitches()).isEmpty();
    }

    record SelectorRow(
        String name, String selector, boolean valid, Map<String, String> labels, boolean matches) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<SelectorRow> selectors() {
      return Stream.of(
          new SelectorRow("empty {} matches everything", "{}", true, Map.of("any", "thing"), true),
          new SelectorRow("empty {} matches no labels too", "{}", true, Map.of(), true),
          new SelectorRow(
              "Exists",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}",
              true,
              Map.of("a", "1"),
              true),
          new SelectorRow(
              "DoesNotExist",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"DoesNotExist\"}]}",
              true,
              Map.of("a", "1"),
              false),
          new SelectorRow(
              "NotIn",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"NotIn\",\"values\":[\"1\"]}]}",
              true,
              Map.of("a", "2"),
              true),
          new SelectorRow(
              "unknown operator",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Matches\",\"values\":[\"1\"]}]}",
              false,
              Map.of("a", "1"),
              false),
          new SelectorRow(
              "In without values",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[]}]}",
              false,
              Map.of("a", "1"),
              false),
          new SelectorRow(
              "Exists with values",
              "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\",\"values\":[\"1\"]}]}",
              false,
              Map.of("a", "1"),
              false),
          new SelectorRow(
              "expression without key",
              "{\"matchExpressions\":[{\"operator\":\"Exists\"}]}",
              false,
              Map.of("a", "1"),
              false),
          new SelectorRow("not an object", "\"app=db\"", false, Map.of("app", "db"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void selectorsFollowKubernetesValidation(SelectorRow row) {
      PodNetworking pn =
          KubeObjects.podNetworking(
              json(
                  "{\"metadata\":{\"name\":\"pn\"},\"spec\":{\"selector\":{\"podSelector\":"
                      + row.selector
                      + "}}}"));

      assertThat(pn.podSelector()).isNotNull();
      assertThat(pn.podSelector().isValid()).isEqualTo(row.valid);
      if (!row.valid) {
        assertThat(pn.podSelector().invalidReason()).isNotBlank();
      }
      assertThat(pn.podSelector().matches(row.labels)).isEqualTo(row.matches);
    }

    @Test
    void nullSelectorIsAbsent() {
      PodNetworking pn =
          KubeObjects.podNetworking(
              json(
                  "{\"metadata\":{\"name\":\"pn\"},\"spec\":{\"selector\":{\"podSelector\":null,\"namespaceSelector\":{}}}}"));

      assertThat(pn.podSelector()).isNull();
      assertThat(pn.namespaceSelector()).isNotNull();
      assertThat(pn.namespaceSelector().matches(Map.of())).isTrue();
    }
  }

  @Nested
  class PodEnis {
    @Test
    void readsZoneAllocationAndLastSeen() {
      PodEni e =
          KubeObjects.podEni(
              json(
                  """
                  {"apiVersion": "network.alibabacloud.com/v1beta1", "kind": "PodENI",
                   "metadata": {"name": "db-0", "namespace": "prod", "labels": {"k8s.aliyun.com/node": "n-1"}},
                   "spec": {"zone": "cn-hangzhou-i",
                            "allocations": [{"allocationType": {"type": "Fixed", "releaseStrategy": "TTL", "releaseAfter": "10m"},
                                             "eni": {"id": "eni-1", "zone": "cn-hangzhou-i", "vSwitchID": "vsw-i"},
                                             "ipv4": "10.1.2.3"}]},
                   "status": {"phase": "Unbind", "podLastSeen": "2025-05-31T23:00:00Z"}}
                  """));

      assertThat(e.namespace()).isEqualTo("prod");
      assertThat(e.name()).isEqualTo("db-0");
      assertThat(e.zone()).isEqualTo("cn-hangzhou-i");
      assertThat(e.deleting()).isFalse();
      assertThat(e.hasAllocations()).isTrue();
      assertThat(e.allocation())
          .isEqualTo(
              new Allocation(
                  Allocation.AllocationType.FIXED,
                  Allocation.ReleaseStrategy.TTL,
                  Duration.ofMinutes(10)));
      assertThat(e.podLastSeen()).isEqualTo(Instant.parse("2025-05-31T23:00:00Z"));
    }

    @Test
    void deletionTimestampAndEmptyAllocations() {
      PodEni e =
          KubeObjects.podEni(
              json(
                  """
                  {"metadata": {"name": "db-0", "namespace": "prod", "deletionTimestamp": "2025-06-01T00:00:00Z"},
                   "spec": {"zone": "cn-hangzhou-i", "allocations": []}}
                  """));

      assertThat(e.deleting()).isTrue();
      assertThat(e.hasAllocations()).isFalse();
    }
  }
}
