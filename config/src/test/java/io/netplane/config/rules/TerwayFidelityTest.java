package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.lint.Finding;
import io.netplane.config.lint.LintId;
import io.netplane.config.lint.Linter;
import io.netplane.config.model.Labels;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pods as Terway's webhook receives them (Kubernetes JSON through {@link KubeObjects}) decided as
 * Terway's webhook, controllers and daemon would treat them.
 */
class TerwayFidelityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A pending pod labelled {@code app: db} with these owners ({@code kind} to {@code controller}).
   */
  static PodView pod(List<Map.Entry<String, Boolean>> owners, Map<String, String> annotations) {
    ObjectNode pod = JSON.createObjectNode();
    ObjectNode meta = pod.putObject("metadata").put("name", "db-0").put("namespace", "default");
    meta.putObject("labels").put("app", "db");
    annotations.forEach(meta.putObject("annotations")::put);
    var refs = meta.putArray("ownerReferences");
    owners.forEach(
        o ->
            refs.addObject()
                .put("apiVersion", "example.io/v1")
                .put("kind", o.getKey())
                .put("name", "owner")
                .put("controller", o.getValue()));
    pod.putObject("spec").putArray("containers").addObject().put("name", "app");
    return KubeObjects.pod(pod);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Terway's IsFixedNamePod and IsDaemonSetPod look at every owner's kind, not only the controller.
   */
  @Nested
  class OwnerKinds {
    record Row(
        String name,
        List<Map.Entry<String, Boolean>> owners,
        boolean fixedName,
        boolean daemonSet) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Row> rows() {
      return Stream.of(
          new Row("no owner", List.of(), true, false),
          new Row("StatefulSet controller", List.of(Map.entry("StatefulSet", true)), true, false),
          new Row("ReplicaSet controller", List.of(Map.entry("ReplicaSet", true)), false, false),
          new Row(
              "StatefulSet owner that is not the controller",
              List.of(Map.entry("ReplicaSet", true), Map.entry("StatefulSet", false)),
              true,
              false),
          new Row(
              "custom stateful kind after the controller, any API group",
              List.of(Map.entry("Job", true), Map.entry("GameServerSet", false)),
              true,
              false),
          new Row(
              "DaemonSet owner that is not the controller",
              List.of(Map.entry("Node", true), Map.entry("DaemonSet", false)),
              false,
              true),
          new Row("DaemonSet controller", List.of(Map.entry("DaemonSet", true)), false, true));
    }

    /**
     * Both PodNetworkings live in zone I: a Fixed one selecting app=db (taken by fixed-name pods
     * only) and an elastic one to request by name.
     */
    static SnapshotBuilder cluster() {
      return snapshot()
          .trunking(true)
          .base(c -> c.statefulWorkloadKinds("GameServerSet"))
          .node(node("n-h").trunk(), node("n-i").zone(ZONE_I).trunk())
          .podNetworking(
              podNetworking("pn-fixed").fixed().vSwitches(VSW_I).selectPods("app", "db"),
              podNetworking("pn-i").vSwitches(VSW_I));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void fixedNamePodsTakeTheFixedNetwork(Row row) {
      Decision d = cluster().decider().decideAll(pod(row.owners, Map.of()));

      assertThat(d.resolution().networks())
          .extracting(Network::name)
          .isEqualTo(row.fixedName ? List.of("pn-fixed") : List.of());
      assertThat(reasonIds(on(d, "n-h")))
          .isEqualTo(row.fixedName ? List.of(ReasonId.ZONE_MISMATCH) : List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void daemonSetPodsAreNotRejectedForZones(Row row) {
      PodView p = pod(row.owners, Map.of(Labels.POD_NETWORKS_REQUEST, "[{\"network\": \"pn-i\"}]"));

      Decision d = cluster().decider().decideAll(p);

      assertThat(reasonIds(on(d, "n-h")))
          .containsExactly(row.daemonSet ? ReasonId.DAEMONSET_ZONE_RISK : ReasonId.ZONE_MISMATCH);
    }
  }

  /**
   * Terway's webhook denies a pod whose network annotation is empty or not the JSON it expects; an
   * explicit empty request list falls through to selector matching.
   */
  @Nested
  class MalformedNetworkAnnotations {
    /** Null {@code problem}: the pod resolves as {@code kind}. */
    record Row(String annotation, String value, String problem, Resolution.Kind kind) {
      @Override
      public String toString() {
        return annotation + ": " + value;
      }
    }

    static Row bad(String annotation, String value, String problem) {
      return new Row(annotation, value, problem, Resolution.Kind.INVALID);
    }

    static Stream<Row> rows() {
      String req = Labels.POD_NETWORKS_REQUEST;
      String nets = Labels.POD_NETWORKS;
      return Stream.of(
          bad(req, "", "is empty"),
          bad(req, "  ", "is empty"),
          bad(req, "true", "is not a JSON array"),
          bad(req, "{\"network\": \"pn-i\"}", "is not a JSON array"),
          bad(req, "[1]", "has entry 0 that is not an object"),
          bad(
              req,
              "[{\"network\": \"pn-i\"}, {\"network\": 5}]",
              "has entry 1 that is not an object"),
          bad(req, "[{\"network\": ", "is not valid JSON"),
          new Row(req, "[]", null, Resolution.Kind.SELECTOR),
          new Row(req, "[{\"network\": \"pn-i\"}]", null, Resolution.Kind.POD_NETWORKS_REQUEST),
          bad(nets, "", "is empty"),
          bad(nets, "true", "is not a JSON object"),
          bad(nets, "[]", "is not a JSON object"),
          bad(nets, "{\"podNetworks\": \"vsw-i\"}", "\"podNetworks\" that is not an array"),
          bad(nets, "{\"podNetworks\": [\"vsw-i\"]}", "podNetworks[0] that is not an object"),
          bad(
              nets,
              "{\"podNetworks\": [{\"vSwitchOptions\": \"vsw-i\"}]}",
              "podNetworks[0] that is not an object"),
          bad(nets, "{podNetworks: []}", "is not valid JSON"),
          new Row(
              nets,
              "{\"podNetworks\": [{\"vSwitchOptions\": [\"vsw-i\"]}]}",
              null,
              Resolution.Kind.POD_NETWORKS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void malformedAnnotationPlacesThePodNowhere(Row row) {
      Decider decider =
          snapshot()
              .trunking(true)
              .node(node("n-h").trunk(), node("n-i").zone(ZONE_I).trunk())
              .podNetworking(
                  podNetworking("pn-selected").vSwitches(VSW_I).selectPods("app", "db"),
                  podNetworking("pn-i").vSwitches(VSW_I))
              .decider();

      Decision d = decider.decideAll(pod(List.of(), Map.of(row.annotation, row.value)));

      assertThat(d.resolution().kind()).isEqualTo(row.kind);
      if (row.problem != null) {
        assertThat(on(d, "n-i").verdict().code()).isEqualTo(Code.UNRESOLVABLE);
        assertThat(reason(on(d, "n-i"), ReasonId.NETWORK_INVALID).message())
            .contains("annotation " + row.annotation + " ")
            .contains(row.problem);
      } else {
        assertThat(on(d, "n-i").verdict().fits()).isTrue();
      }
    }
  }

  /** Terway's webhook denies a Fixed network a pod names when the pod is not fixed-name. */
  @Nested
  class FixedNetworkByName {
    record Row(String name, String owner, String annotation, String value, Resolution.Kind kind) {
      @Override
      public String toString() {
        return name;
      }
    }

    static final String REQUEST_FIXED = "[{\"network\": \"pn-fixed\"}]";
    static final String REQUEST_ELASTIC = "[{\"network\": \"pn-elastic\"}]";
    static final String NETWORKS_FIXED =
        "{\"podNetworks\": [{\"vSwitchOptions\": [\"vsw-i\"], \"allocationType\": {\"type\": \"Fixed\"}}]}";
    static final String NETWORKS_ELASTIC =
        "{\"podNetworks\": [{\"vSwitchOptions\": [\"vsw-i\"], \"allocationType\": {\"type\": \"Elastic\"}}]}";

    static Stream<Row> rows() {
      String req = Labels.POD_NETWORKS_REQUEST;
      String nets = Labels.POD_NETWORKS;
      return Stream.of(
          new Row(
              "Deployment pod requesting a Fixed PodNetworking",
              "ReplicaSet",
              req,
              REQUEST_FIXED,
              Resolution.Kind.INVALID),
          new Row(
              "DaemonSet pod requesting a Fixed PodNetworking",
              "DaemonSet",
              req,
              REQUEST_FIXED,
              Resolution.Kind.INVALID),
          new Row(
              "StatefulSet pod requesting a Fixed PodNetworking",
              "StatefulSet",
              req,
              REQUEST_FIXED,
              Resolution.Kind.POD_NETWORKS_REQUEST),
          new Row(
              "bare pod requesting a Fixed PodNetworking",
              null,
              req,
              REQUEST_FIXED,
              Resolution.Kind.POD_NETWORKS_REQUEST),
          new Row(
              "Deployment pod requesting an Elastic PodNetworking",
              "ReplicaSet",
              req,
              REQUEST_ELASTIC,
              Resolution.Kind.POD_NETWORKS_REQUEST),
          new Row(
              "Deployment pod with Fixed pod-networks",
              "ReplicaSet",
              nets,
              NETWORKS_FIXED,
              Resolution.Kind.INVALID),
          new Row(
              "StatefulSet pod with Fixed pod-networks",
              "StatefulSet",
              nets,
              NETWORKS_FIXED,
              Resolution.Kind.POD_NETWORKS),
          new Row(
              "Deployment pod with Elastic pod-networks",
              "ReplicaSet",
              nets,
              NETWORKS_ELASTIC,
              Resolution.Kind.POD_NETWORKS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void fixedIpOnlyForFixedNamePods(Row row) {
      Decider decider =
          snapshot()
              .trunking(true)
              .node(node("n-i").zone(ZONE_I).trunk())
              .podNetworking(
                  podNetworking("pn-fixed").fixed().vSwitches(VSW_I),
                  podNetworking("pn-elastic").vSwitches(VSW_I))
              .decider();
      List<Map.Entry<String, Boolean>> owners =
          row.owner == null ? List.of() : List.of(Map.entry(row.owner, true));

      Decision d = decider.decideAll(pod(owners, Map.of(row.annotation, row.value)));

      assertThat(d.resolution().kind()).isEqualTo(row.kind);
      if (row.kind == Resolution.Kind.INVALID) {
        assertThat(reason(on(d, "n-i"), ReasonId.NETWORK_INVALID).message())
            .contains("fixed IPs", "fixed-name pods", row.owner);
      } else {
        assertThat(on(d, "n-i").verdict().fits()).isTrue();
      }
    }
  }

  /** A base eni-config with a vSwitch in zone H, as Terway's chart writes it. */
  static final String BASE =
      "{\"vswitches\": {\"cn-hangzhou-h\": [\"vsw-h\"]}, \"security_groups\": [\"sg-1\"], \"ip_stack\": \"ipv4\"}";

  /**
   * Nodes {@code n-plain} (base config) and {@code n-x} (label {@code terway-config=X}), both
   * exclusive-ENI nodes in zone H, with these kube-system ConfigMaps.
   */
  static Decider configCluster(Map<String, String> configMaps) {
    return snapshot()
        .configMaps(configMaps)
        .node(node("n-plain").eniOnly(), node("n-x").terwayConfig("X").eniOnly())
        .decider();
  }

  /** Reason ids of a default-network pod on each node, by node. */
  static Map<String, List<ReasonId>> verdicts(Decider decider) {
    Decision d = decider.decideAll(pod(List.of(), Map.of()));
    return Map.of("n-plain", reasonIds(on(d, "n-plain")), "n-x", reasonIds(on(d, "n-x")));
  }

  static Map<String, String> configMaps(String... nameThenEniConf) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameThenEniConf.length; i += 2) {
      out.put(nameThenEniConf[i], nameThenEniConf[i + 1]);
    }
    return out;
  }

  /**
   * Terway reads an override ConfigMap with an empty or no {@code eni_conf} as no override; a
   * malformed one breaks only the nodes that use it.
   */
  @Nested
  class EmptyAndMalformedOverrides {
    record Row(
        String name, Map<String, String> configMaps, List<ReasonId> onX, List<String> lintErrors) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Row> rows() {
      return Stream.of(
          new Row(
              "override with an empty eni_conf",
              configMaps("eni-config", BASE, "X", ""),
              List.of(),
              List.of()),
          new Row(
              "override without an eni_conf key",
              configMaps("eni-config", BASE, "X", null),
              List.of(),
              List.of()),
          new Row(
              "override that does not exist",
              configMaps("eni-config", BASE),
              List.of(ReasonId.OVERRIDE_CONFIG_MISSING),
              List.of("Node/n-x")),
          new Row(
              "override that is not JSON",
              configMaps("eni-config", BASE, "X", "{\"vswitches\": "),
              List.of(ReasonId.ENI_CONFIG_INVALID),
              List.of("ConfigMap/kube-system/X")),
          new Row(
              "override that is a JSON list",
              configMaps("eni-config", BASE, "X", "[]"),
              List.of(ReasonId.ENI_CONFIG_INVALID),
              List.of("ConfigMap/kube-system/X")),
          new Row(
              "malformed ConfigMap no node uses",
              configMaps("eni-config", BASE, "X", null, "unused", "{oops", "coredns", null),
              List.of(),
              List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void overrideAsTerwayReadsIt(Row row) {
      Decider decider = configCluster(row.configMaps);

      Map<String, List<ReasonId>> verdicts = verdicts(decider);

      assertThat(verdicts.get("n-plain")).isEmpty();
      assertThat(verdicts.get("n-x")).isEqualTo(row.onX);
      assertThat(Linter.lint(decider.snapshot(), decider.resolver()))
          .filteredOn(f -> f.severity() == Finding.Severity.ERROR)
          .extracting(Finding::subject)
          .isEqualTo(row.lintErrors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theNodeWithAnEmptyOverrideDrawsFromTheBaseVSwitches(Row row) {
      Decider decider = configCluster(row.configMaps);

      NodeFacts x = decider.facts("n-x");

      if (row.onX.isEmpty()) {
        assertThat(x.shape().config().vSwitchesIn(ZONE_H)).containsExactly(VSW_H);
      } else {
        assertThat(x.shape().config() == null || !x.shape().config().loadable()).isTrue();
      }
    }
  }

  /** Effective configs Terway's config loading refuses: nodes using them get no pod IPs. */
  @Nested
  class EniConfigsTerwayRefuses {
    /** Null {@code field}: Terway loads the node's effective config. */
    record Row(String name, String base, String override, String field) {
      @Override
      public String toString() {
        return name;
      }
    }

    static String groups(int count, boolean distinct) {
      List<String> ids =
          java.util.stream.IntStream.range(0, count)
              .mapToObj(i -> "\"sg-" + (distinct ? i : 0) + "\"")
              .toList();
      return "[" + String.join(", ", ids) + "]";
    }

    static Stream<Row> rows() {
      return Stream.of(
          new Row(
              "11 security_groups",
              BASE,
              "{\"security_groups\": " + groups(11, true) + "}",
              "security_groups"),
          new Row(
              "11 security_groups, all the same: counted before de-duplication",
              BASE,
              "{\"security_groups\": " + groups(11, false) + "}",
              "security_groups"),
          new Row(
              "10 security_groups and a security_group",
              BASE,
              "{\"security_group\": \"sg-x\", \"security_groups\": " + groups(10, true) + "}",
              null),
          new Row("ip_stack ipv6", BASE, "{\"ip_stack\": \"ipv6\"}", "ip_stack"),
          new Row("ip_stack of another name", BASE, "{\"ip_stack\": \"v4\"}", "ip_stack"),
          new Row("ip_stack dual", BASE, "{\"ip_stack\": \"dual\"}", null),
          new Row(
              "ip_stack null deletes the key: the default ipv4",
              BASE,
              "{\"ip_stack\": null}",
              null),
          new Row("max_eni as a string", BASE, "{\"max_eni\": \"3\"}", "max_eni"),
          new Row("max_eni as a fraction", BASE, "{\"max_eni\": 2.5}", "max_eni"),
          new Row("vswitches as a list", BASE, "{\"vswitches\": [\"vsw-h\"]}", "vswitches"),
          new Row(
              "enable_eni_trunking as a string",
              BASE,
              "{\"enable_eni_trunking\": \"true\"}",
              "enable_eni_trunking"),
          new Row(
              "security_group as a list",
              BASE,
              "{\"security_group\": [\"sg-1\"]}",
              "security_group"),
          new Row(
              "the override repairs the base's ip_stack",
              "{\"vswitches\": {\"cn-hangzhou-h\": [\"vsw-h\"]}, \"ip_stack\": \"ipv6\"}",
              "{\"ip_stack\": \"ipv4\"}",
              null),
          new Row(
              "the base's bad ip_stack reaches the override",
              "{\"vswitches\": {\"cn-hangzhou-h\": [\"vsw-h\"]}, \"ip_stack\": \"ipv6\"}",
              "{}",
              "ip_stack"),
          new Row(
              "a base that is not JSON breaks every override",
              "{\"vswitches\": ",
              "{}",
              "eni_conf"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void nodesOnARefusedConfigAreUnschedulableAndLintSaysWhy(Row row) {
      Decider decider = configCluster(configMaps("eni-config", row.base, "X", row.override));
      PodView onPodNetworking =
          pod(
              List.of(),
              Map.of(
                  Labels.POD_NETWORKS, "{\"podNetworks\": [{\"vSwitchOptions\": [\"vsw-h\"]}]}"));

      Decision d = decider.decideAll(pod(List.of(), Map.of()));
      Decision pn = decider.decideAll(onPodNetworking);
      List<Finding> errors =
          Linter.lint(decider.snapshot(), decider.resolver()).stream()
              .filter(f -> f.id() == LintId.ENI_CONFIG_INVALID)
              .toList();

      if (row.field == null) {
        assertThat(reasonIds(on(d, "n-x"))).isEmpty();
        assertThat(errors).extracting(Finding::subject).doesNotContain("ConfigMap/kube-system/X");
        return;
      }
      for (Decision each : List.of(d, pn)) {
        NodeDecision x = on(each, "n-x");
        assertThat(x.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
        assertThat(reasonIds(x)).containsExactly(ReasonId.ENI_CONFIG_INVALID);
        assertThat(reason(x, ReasonId.ENI_CONFIG_INVALID).message()).contains(row.field);
      }
      assertThat(errors).extracting(Finding::subject).contains("ConfigMap/kube-system/X");
      assertThat(errors)
          .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR));
    }
  }

  /** Terway takes a node's ENI limits from its instance-type-info annotation before the cloud's. */
  @Nested
  class InstanceLimitsFromTheNode {
    /** Null {@code capacity} and {@code trunk}: unknown. */
    record Row(String name, String type, String annotation, Integer capacity, Boolean trunk) {
      @Override
      public String toString() {
        return name;
      }
    }

    static String info(String type, Object eniQuantity, int ips, int total, boolean trunk) {
      return "{\"InstanceTypeId\": \""
          + type
          + "\", \"EniQuantity\": "
          + eniQuantity
          + ", \"EniPrivateIpAddressQuantity\": "
          + ips
          + ", \"EniTotalQuantity\": "
          + total
          + ", \"EniTrunkSupported\": "
          + trunk
          + ", \"InstanceTypeFamily\": \"ecs.x\"}";
    }

    static Stream<Row> rows() {
      String unknown = "ecs.new.xlarge";
      String g7 = Fixtures.INSTANCE_TYPE;
      return Stream.of(
          new Row("type the inventory lacks, no annotation", unknown, null, null, null),
          new Row(
              "type the inventory lacks, annotated",
              unknown,
              info(unknown, 3, 10, 8, true),
              20,
              true),
          new Row(
              "annotation of another instance type is ignored",
              unknown,
              info(g7, 3, 10, 8, true),
              null,
              null),
          new Row("annotation that is not JSON is ignored", unknown, "{InstanceTypeId", null, null),
          new Row(
              "annotation with a string EniQuantity is ignored",
              unknown,
              info(unknown, "\"3\"", 10, 8, true),
              null,
              null),
          new Row("inventory type without annotation", g7, null, 45, true),
          new Row("annotation wins over the inventory", g7, info(g7, 2, 5, 2, true), 5, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void limitsAsTerwayReadsThem(Row row) {
      ObjectNode node = JSON.createObjectNode();
      ObjectNode meta = node.putObject("metadata").put("name", "n");
      meta.putObject("labels").put(Labels.ZONE, ZONE_H).put(Labels.INSTANCE_TYPE, row.type);
      if (row.annotation != null) {
        meta.putObject("annotations").put(Labels.INSTANCE_TYPE_INFO, row.annotation);
      }
      Decider decider = snapshot().trunking(true).nodes(KubeObjects.node(node)).decider();

      NodeFacts facts = decider.facts("n");
      Decision d = decider.decideAll(pod(List.of(), Map.of()));

      assertThat(facts.shape().sharedCapacity()).isEqualTo(row.capacity);
      assertThat(facts.shape().trunkCapable()).isEqualTo(row.trunk);
      assertThat(reasonIds(on(d, "n")))
          .isEqualTo(row.capacity == null ? List.of(ReasonId.CAPACITY_UNKNOWN) : List.of());
    }
  }

  /**
   * What explain says: the vSwitches a fit node would give, and what is missing when no base config
   * exists.
   */
  @Nested
  class Texts {
    record Row(
        String name, Map<String, String> annotations, String node, Map<String, Long> vSwitches) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Row> rows() {
      Map<String, String> request =
          Map.of(Labels.POD_NETWORKS_REQUEST, "[{\"network\": \"pn-hi\"}]");
      return Stream.of(
          new Row("default network, base config", Map.of(), "n-h", Map.of(VSW_H, 7L)),
          new Row("default network, override config", Map.of(), "n-pool", Map.of("vsw-pool", 3L)),
          new Row("default network, zone without a vSwitch", Map.of(), "n-j", Map.of()),
          new Row(
              "PodNetworking, its vSwitches of the node's zone only",
              request,
              "n-h",
              Map.of(VSW_H, 7L)),
          new Row(
              "PodNetworking, unknown free IPs",
              request,
              "n-i",
              java.util.Collections.singletonMap(VSW_I, null)),
          new Row("PodNetworking, node it does not fit", request, "n-j", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void explainShowsTheVSwitchesOfAFitNode(Row row) {
      Decider decider =
          snapshot()
              .override("pool", c -> c.vSwitches(ZONE_H, "vsw-pool"))
              .vSwitch("vsw-pool", ZONE_H, 3)
              .freeIps(VSW_H, 7)
              .vSwitch(new VSwitch(VSW_I, ZONE_I, "10.0.1.0/24", Fixtures.VPC, null))
              .node(
                  node("n-h").eniOnly(),
                  node("n-i").zone(ZONE_I).eniOnly(),
                  node("n-j").zone(Fixtures.ZONE_J).eniOnly(),
                  node("n-pool").terwayConfig("pool").eniOnly())
              .podNetworking(podNetworking("pn-hi").vSwitches(VSW_H, VSW_I))
              .decider();

      Decision d = decider.decideAll(pod(List.of(), row.annotations));

      int i = d.nodes().indexOf(on(d, row.node));
      assertThat(d.vSwitchesOn(i)).isEqualTo(row.vSwitches);
    }

    @org.junit.jupiter.api.Test
    void withoutABaseConfigTheReasonSaysWhatIsMissing() {
      Decision d =
          snapshot()
              .noBaseConfig()
              .node(node("n-h").eniOnly())
              .decider()
              .decideAll(pod(List.of(), Map.of()));

      Reason r = reason(on(d, "n-h"), ReasonId.BASE_CONFIG_MISSING);
      assertThat(r.message()).contains("kube-system/eni-config").doesNotContain("null");
      assertThat(on(d, "n-h").verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
    }
  }
}
