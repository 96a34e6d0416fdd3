package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reasonIds;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.load.KubeObjects;
import io.netplane.config.model.Labels;
import io.netplane.config.model.PodView;
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

  /** A pending pod labelled {@code app: db} with these owners ({@code kind} to {@code controller}). */
  static PodView pod(List<Map.Entry<String, Boolean>> owners, Map<String, String> annotations) {
    ObjectNode pod = JSON.createObjectNode();
    ObjectNode meta = pod.putObject("metadata").put("name", "db-0").put("namespace", "default");
    meta.putObject("labels").put("app", "db");
    annotations.forEach(meta.putObject("annotations")::put);
    var refs = meta.putArray("ownerReferences");
    owners.forEach(
        o -> refs.addObject().put("apiVersion", "example.io/v1").put("kind", o.getKey()).put("name", "owner")
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

  /** Terway's IsFixedNamePod and IsDaemonSetPod look at every owner's kind, not only the controller. */
  @Nested
  class OwnerKinds {
    record Row(String name, List<Map.Entry<String, Boolean>> owners, boolean fixedName, boolean daemonSet) {
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

      assertThat(d.resolution().networks()).extracting(Network::name)
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
}
