package io.netplane.agent.plan;

import static io.netplane.agent.plan.Fixtures.NP;
import static io.netplane.agent.plan.Fixtures.ZONE_H;
import static io.netplane.agent.plan.Fixtures.ZONE_I;
import static io.netplane.agent.plan.Fixtures.converged;
import static io.netplane.agent.plan.Fixtures.node;
import static io.netplane.agent.plan.Fixtures.observed;
import static io.netplane.agent.plan.Fixtures.pool;
import static io.netplane.agent.plan.Fixtures.poolTaint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.Labels;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final NodeTaint OTHER = new NodeTaint("gpu", "true", "NoSchedule");

  @Nested
  class Rollout {
    @Test
    void aFreshPoolWritesTheOverrideLabelsTaintsAndNodePool() throws Exception {
      Plan plan =
          Planner.plan(
              pool().securityGroups("sg-1").build(),
              observed()
                  .node(node("n-h").zone(ZONE_H).inPool(NP).taint(OTHER))
                  .node(node("n-i").zone(ZONE_I).inPool(NP))
                  .node(node("other").zone(ZONE_H).inPool("np-other"))
                  .build());

      assertThat(plan.configMap().action()).isEqualTo(ConfigMapStep.Action.CREATE);
      assertThat(JSON.readTree(plan.configMap().eniConf()))
          .isEqualTo(
              JSON.readTree(
                  "{\"vswitches\":{\""
                      + ZONE_H
                      + "\":[\"vsw-h\"],\""
                      + ZONE_I
                      + "\":[\"vsw-i\"]},\"security_groups\":[\"sg-1\"]}"));
      assertThat(plan.configMap().annotations())
          .containsEntry(PoolLabels.OWNED_ENI_CONF_KEYS, "security_groups,vswitches");

      assertThat(plan.nodes()).extracting(NodeStep::node).containsExactly("n-h", "n-i");
      NodeStep h = plan.nodes().get(0);
      assertThat(h.setLabels())
          .containsExactly(
              Map.entry(PoolLabels.POOL, "db"),
              Map.entry(PoolLabels.TERWAY_CONFIG, "eni-config-db"));
      assertThat(h.taintsAfter()).containsExactly(OTHER, poolTaint());
      assertThat(h.setAnnotations()).containsEntry(PoolLabels.OWNER, "db");

      NodePoolStep.Modify modify = (NodePoolStep.Modify) plan.nodePool();
      assertThat(modify.update().labels())
          .containsEntry(PoolLabels.TERWAY_CONFIG, "eni-config-db")
          .containsEntry(PoolLabels.POOL, "db");
      assertThat(modify.update().taints()).containsExactly(poolTaint());
      assertThat(modify.update().updateNodes()).isFalse();

      assertThat(plan.whitelistCidrs()).containsExactly("10.1.0.0/24", "10.1.1.0/24");
      assertThat(plan.summary().pending()).containsExactly("n-h", "n-i");
      assertThat(plan.blocked()).isFalse();
    }

    @Test
    void aConvergedClusterNeedsNothing() {
      Plan plan = Planner.plan(pool().build(), converged().build());
      assertThat(plan.hasChanges()).as(PlanText.render(plan)).isFalse();
      assertThat(plan.summary().configured()).containsExactly("n-h", "n-i");
      assertThat(plan.findings()).isEmpty();
    }

    @Test
    void theSameInputsGiveTheSamePlan() {
      var in = observed().node(node("n-h").inPool(NP)).build();
      assertThat(Planner.plan(pool().build(), in)).isEqualTo(Planner.plan(pool().build(), in));
    }

    @Test
    void aPoolToCreateIsCreatedWithKubernetesConfigLabelsAndTaints() {
      var p = pool().create("db-pool", 3, "vsw-node-h").labels(Map.of("team", "db")).build();
      Plan plan =
          Planner.plan(
              p,
              observed().nodePool(null).vSwitch("vsw-node-h", ZONE_H, "10.0.0.0/24", 200L).build());
      NodePoolStep.Create c = (NodePoolStep.Create) plan.nodePool();
      assertThat(c.spec().name()).isEqualTo("db-pool");
      assertThat(c.spec().desiredSize()).isEqualTo(3);
      assertThat(c.spec().vSwitchIds()).containsExactly("vsw-node-h");
      assertThat(c.spec().labels())
          .containsExactly(
              Map.entry(PoolLabels.POOL, "db"),
              Map.entry("team", "db"),
              Map.entry(PoolLabels.TERWAY_CONFIG, "eni-config-db"));
      assertThat(c.spec().taints()).containsExactly(poolTaint());
      assertThat(plan.nodePoolId()).isNull();
    }

    @Test
    void aCreatedPoolIsFoundAgainAndResizedInsteadOfCreatedTwice() {
      var p = pool().create("db", 5, "vsw-node-h").build();
      Plan plan =
          Planner.plan(
              p,
              observed()
                  .nodePool(Fixtures.syncedNodePool())
                  .vSwitch("vsw-node-h", ZONE_H, "10.0.0.0/24", 200L)
                  .build());
      NodePoolStep.Modify m = (NodePoolStep.Modify) plan.nodePool();
      assertThat(m.update().desiredSize()).isEqualTo(5);
      assertThat(m.update().labels()).isNull();
      assertThat(plan.nodePoolId()).isEqualTo(NP);
    }

    @Test
    void aSelectorPoolHasNoNodePoolRequest() {
      var p = pool().selector(Map.of("role", "db")).build();
      Plan plan =
          Planner.plan(
              p,
              observed()
                  .nodePool(null)
                  .node(node("a").label("role", "db"))
                  .node(node("b").label("role", "web"))
                  .build());
      assertThat(plan.nodePool()).isNull();
      assertThat(plan.nodes()).extracting(NodeStep::node).containsExactly("a");
    }
  }

  @Nested
  class Override {
    @Test
    void keysThePoolDoesNotOwnAndOtherDataKeysAreKept() throws Exception {
      var cm =
          new ConfigMapState(
              "eni-config-db",
              Map.of(
                  PoolLabels.ENI_CONF,
                  "{\"max_eni\":3,\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]}}",
                  "notes",
                  "ops"),
              Map.of(PoolLabels.MANAGED_BY, PoolLabels.MANAGER),
              Fixtures.ownedAnnotations(),
              "9");
      Plan plan = Planner.plan(pool().build(), converged().override(cm).build());
      assertThat(plan.configMap().action()).isEqualTo(ConfigMapStep.Action.UPDATE);
      assertThat(plan.configMap().resourceVersion()).isEqualTo("9");
      assertThat(JSON.readTree(plan.configMap().eniConf()))
          .isEqualTo(
              JSON.readTree(
                  "{\"max_eni\":3,\"vswitches\":{\""
                      + ZONE_H
                      + "\":[\"vsw-h\"],\""
                      + ZONE_I
                      + "\":[\"vsw-i\"]}}"));
    }

    @Test
    void securityGroupsNoLongerOwnedAreRemoved() throws Exception {
      Map<String, String> ann = new TreeMap<>(Fixtures.ownedAnnotations());
      ann.put(PoolLabels.OWNED_ENI_CONF_KEYS, "security_groups,vswitches");
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .override(
                      Fixtures.OWNED_ENI_CONF.replace("}}", "},\"security_groups\":[\"sg-1\"]}"),
                      ann)
                  .build());
      assertThat(JSON.readTree(plan.configMap().eniConf()))
          .isEqualTo(JSON.readTree(Fixtures.OWNED_ENI_CONF));
    }

    @Test
    void aConfigMapOfAnotherPoolBlocks() {
      Map<String, String> ann = new TreeMap<>(Fixtures.ownedAnnotations());
      ann.put(PoolLabels.OWNER, "web");
      Plan plan =
          Planner.plan(pool().build(), converged().override(Fixtures.OWNED_ENI_CONF, ann).build());
      assertThat(plan.configMap()).isNull();
      assertThat(plan.blocked()).isTrue();
      assertThat(plan.findings(FindingId.CONFIGMAP_OWNED_BY_OTHER_POOL)).hasSize(1);
    }

    @Test
    void aConfigMapNetplaneDidNotCreateBlocksAndIsNotWritten() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged().override(Fixtures.foreign(Fixtures.OWNED_ENI_CONF)).build());
      assertThat(plan.findings(FindingId.CONFIGMAP_NOT_OWNED)).hasSize(1);
      assertThat(plan.blocked()).isTrue();
      assertThat(plan.configMap()).isNull();
    }

    @Test
    void anOwnerAnnotationWithoutNetplanesLabelIsNotOwnership() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .override(
                      new ConfigMapState(
                          "eni-config-db",
                          Map.of(PoolLabels.ENI_CONF, Fixtures.OWNED_ENI_CONF),
                          Map.of(),
                          Fixtures.ownedAnnotations(),
                          "5"))
                  .build());
      assertThat(plan.findings(FindingId.CONFIGMAP_NOT_OWNED)).hasSize(1);
    }

    @Test
    void anOverrideIsAdoptedWhenAskedAndItsLabelsAndOtherKeysStay() throws Exception {
      String handMade = "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]},\"max_eni\":2}";
      Plan plan =
          Planner.plan(
              pool().adopt().build(), converged().override(Fixtures.foreign(handMade)).build());
      assertThat(plan.findings(FindingId.CONFIGMAP_ADOPTED)).hasSize(1);
      assertThat(plan.blocked()).isFalse();
      ConfigMapStep step = plan.configMap();
      assertThat(step.action()).isEqualTo(ConfigMapStep.Action.UPDATE);
      assertThat(step.annotations()).containsEntry(PoolLabels.OWNER, "db");
      assertThat(JSON.readTree(step.annotations().get(PoolLabels.ADOPTED)))
          .isEqualTo(JSON.readTree("{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]}}"));
      assertThat(step.labels()).isEmpty();
      assertThat(JSON.readTree(step.eniConf()).get("max_eni").asInt()).isEqualTo(2);
    }

    @Test
    void aConfigMapWithoutEniConfIsNeverAdopted() {
      for (String notAnOverride : new String[] {null, "[1]", "{broken"}) {
        Plan plan =
            Planner.plan(
                pool().adopt().build(),
                converged().override(Fixtures.foreign(notAnOverride)).build());
        assertThat(plan.findings(FindingId.CONFIGMAP_NOT_AN_OVERRIDE)).as(notAnOverride).hasSize(1);
        assertThat(plan.configMap()).isNull();
      }
    }

    @Test
    void anOverrideThatIsNotJsonIsReplaced() {
      Plan plan =
          Planner.plan(
              pool().build(), converged().override("{broken", Fixtures.ownedAnnotations()).build());
      assertThat(plan.findings(FindingId.OVERRIDE_NOT_JSON)).hasSize(1);
      assertThat(plan.configMap().eniConf()).isEqualTo(Fixtures.OWNED_ENI_CONF);
    }
  }

  @Nested
  class Drift {
    @Test
    void aRemovedLabelAndTaintComeBackAndOthersStay() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(
                      node("n-j")
                          .zone(ZONE_H)
                          .inPool(NP)
                          .configured()
                          .label("team", "x")
                          .taint(OTHER))
                  .build());
      assertThat(plan.nodes()).isEmpty();

      var n =
          node("n-h")
              .zone(ZONE_H)
              .inPool(NP)
              .taint(OTHER)
              .annotation(PoolLabels.OWNER, "db")
              .annotation(PoolLabels.OWNED_LABELS, PoolLabels.POOL + "," + PoolLabels.TERWAY_CONFIG)
              .annotation(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=db:NoSchedule")
              .label(PoolLabels.TERWAY_CONFIG, "eni-config-db")
              .label("team", "x");
      Plan drifted =
          Planner.plan(
              pool().build(),
              observed()
                  .override(Fixtures.OWNED_ENI_CONF, Fixtures.ownedAnnotations())
                  .nodePool(Fixtures.syncedNodePool())
                  .node(n)
                  .build());
      NodeStep s = drifted.nodes().get(0);
      assertThat(s.setLabels()).containsExactly(Map.entry(PoolLabels.POOL, "db"));
      assertThat(s.removeLabels()).isEmpty();
      assertThat(s.taintsAfter()).containsExactly(OTHER, poolTaint());
      assertThat(s.setAnnotations()).isEmpty();
    }

    @Test
    void anEditedOverrideIsRestored() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .override(
                      Fixtures.OWNED_ENI_CONF.replace("vsw-i", "vsw-evil"),
                      Fixtures.ownedAnnotations())
                  .build());
      assertThat(plan.configMap().eniConf()).isEqualTo(Fixtures.OWNED_ENI_CONF);
    }

    @Test
    void aChangedTaintAndADroppedExtraLabelAreReplacedOnNodesAndThePool() {
      NodeTaint dedicated = new NodeTaint("dedicated", "db", "NoExecute");
      var n =
          node("n-h")
              .inPool(NP)
              .configured()
              .label("team", "db")
              .annotation(
                  PoolLabels.OWNED_LABELS, PoolLabels.POOL + ",team," + PoolLabels.TERWAY_CONFIG);
      Map<String, String> ann = new TreeMap<>(Fixtures.ownedAnnotations());
      ann.put(PoolLabels.OWNED_LABELS, PoolLabels.POOL + ",team," + PoolLabels.TERWAY_CONFIG);
      var np =
          Fixtures.ObservedBuilder.nodePool(
              NP,
              "db",
              Map.of(
                  PoolLabels.TERWAY_CONFIG,
                  "eni-config-db",
                  PoolLabels.POOL,
                  "db",
                  "team",
                  "db",
                  "keep",
                  "me"),
              List.of(poolTaint(), OTHER));
      Plan plan =
          Planner.plan(
              pool().taint(dedicated).build(),
              observed().override(Fixtures.OWNED_ENI_CONF, ann).nodePool(np).node(n).build());

      NodeStep s = plan.nodes().get(0);
      assertThat(s.removeLabels()).containsExactly("team");
      assertThat(s.taintsAfter()).containsExactly(dedicated);
      NodePoolStep.Modify m = (NodePoolStep.Modify) plan.nodePool();
      assertThat(m.update().labels()).doesNotContainKey("team").containsEntry("keep", "me");
      assertThat(m.update().taints()).containsExactly(OTHER, dedicated);
    }

    @Test
    void aNodeThatLeftThePoolIsCleanedUp() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(node("moved").inPool("np-other").configured().taint(OTHER).label("x", "y"))
                  .build());
      NodeStep s = plan.nodes().get(0);
      assertThat(s.node()).isEqualTo("moved");
      assertThat(s.removeLabels()).containsExactly(PoolLabels.POOL, PoolLabels.TERWAY_CONFIG);
      assertThat(s.taintsAfter()).containsExactly(OTHER);
      assertThat(s.removeAnnotations())
          .contains(PoolLabels.OWNER, PoolLabels.OWNED_LABELS, PoolLabels.OWNED_TAINT);
    }
  }

  @Nested
  class Ownership {
    @Test
    void aMemberLabelOrTaintSomeoneElseSetBlocksAndIsNotOverwritten() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(
                      node("n-x")
                          .inPool(NP)
                          .label(PoolLabels.TERWAY_CONFIG, "eni-config-ops")
                          .taint(new NodeTaint(PoolLabels.POOL, "ops", "NoSchedule")))
                  .build());
      assertThat(plan.blocked()).isTrue();
      assertThat(plan.findings(FindingId.NODE_LABEL_NOT_OWNED))
          .extracting(Finding::subject)
          .containsExactly("n-x");
      assertThat(plan.findings(FindingId.NODE_TAINT_NOT_OWNED))
          .extracting(Finding::subject)
          .containsExactly("n-x");
    }

    @Test
    void aNodeAnotherPoolConfiguredBlocks() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged().node(node("n-x").inPool(NP).annotation(PoolLabels.OWNER, "web")).build());
      assertThat(plan.findings(FindingId.NODE_OWNED_BY_OTHER_POOL))
          .extracting(Finding::subject)
          .containsExactly("n-x");
    }

    @Test
    void labelsThePoolRecordedAreItsOwnAndMayChange() {
      Plan plan =
          Planner.plan(
              pool().configMap("eni-config-db2").build(),
              converged()
                  .override(new ConfigMapState("eni-config-db2", Map.of(), Map.of(), Map.of(), "1"))
                  .build());
      assertThat(plan.findings(FindingId.NODE_LABEL_NOT_OWNED)).isEmpty();
      assertThat(plan.nodes())
          .extracting(n -> n.setLabels().get(PoolLabels.TERWAY_CONFIG))
          .containsOnly("eni-config-db2");
    }

    @Test
    void anEqualLabelOrTaintTheSelectorPoolDidNotSetIsNotRecordedNorDeleted() {
      var p = pool().selector(Map.of("role", "db")).labels(Map.of("role", "db")).build();
      Plan plan =
          Planner.plan(
              p,
              observed()
                  .nodePool(null)
                  .node(node("a").label("role", "db").taint(poolTaint()))
                  .build());
      NodeStep a = plan.nodes().get(0);
      assertThat(a.setLabels()).doesNotContainKey("role");
      assertThat(a.setAnnotations().get(PoolLabels.OWNED_LABELS))
          .isEqualTo(PoolLabels.POOL + "," + PoolLabels.TERWAY_CONFIG);
      assertThat(a.setAnnotations()).doesNotContainKey(PoolLabels.OWNED_TAINT);
      assertThat(a.taintsAfter()).isNull();

      Plan delete =
          Planner.planDelete(
              p,
              observed()
                  .nodePool(null)
                  .node(
                      node("a")
                          .label("role", "db")
                          .label(PoolLabels.POOL, "db")
                          .label(PoolLabels.TERWAY_CONFIG, "eni-config-db")
                          .annotation(PoolLabels.OWNER, "db")
                          .annotation(
                              PoolLabels.OWNED_LABELS,
                              a.setAnnotations().get(PoolLabels.OWNED_LABELS))
                          .taint(poolTaint()))
                  .build());
      assertThat(delete.nodes().get(0).removeLabels())
          .containsExactly(PoolLabels.POOL, PoolLabels.TERWAY_CONFIG);
      assertThat(delete.nodes().get(0).taintsAfter()).isNull();
    }

    @Test
    void deleteLeavesAMemberAnotherPoolConfigured() {
      var p = pool().selector(Map.of("role", "db")).build();
      Plan plan =
          Planner.planDelete(
              p,
              observed()
                  .nodePool(null)
                  .node(
                      node("a")
                          .label("role", "db")
                          .label(PoolLabels.POOL, "web")
                          .label(PoolLabels.TERWAY_CONFIG, "eni-config-web")
                          .annotation(PoolLabels.OWNER, "web")
                          .annotation(
                              PoolLabels.OWNED_LABELS,
                              PoolLabels.POOL + "," + PoolLabels.TERWAY_CONFIG)
                          .annotation(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=web:NoSchedule")
                          .taint(new NodeTaint(PoolLabels.POOL, "web", "NoSchedule")))
                  .build());
      assertThat(plan.nodes()).isEmpty();
    }
  }

  @Nested
  class Recycling {
    @Test
    void aTrunkNodeWithoutTheLabelIsReportedRecordedAndKeptFromPoolWorkloads() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(node("n-old").inPool(NP).annotation(Labels.TRUNK_ON, "eni-123"))
                  .build());
      NodeStep s = plan.nodes().get(0);
      assertThat(s.setLabels()).containsOnlyKeys(PoolLabels.TERWAY_CONFIG);
      assertThat(s.setAnnotations().get(PoolLabels.RECYCLE)).contains("trunk ENI eni-123");
      assertThat(s.taintsAfter()).containsExactly(poolTaint());
      assertThat(plan.summary().needingRecycle()).containsExactly("n-old");
      assertThat(plan.findings(FindingId.NODE_NEEDS_RECYCLE))
          .extracting(Finding::subject)
          .containsExactly("n-old");
    }

    @Test
    void podsWithIpsCountButHostNetworkAndIpLessPodsDoNot() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(node("busy").inPool(NP))
                  .node(node("quiet").inPool(NP))
                  .pod("busy", true, false)
                  .pod("busy", true, false)
                  .pod("quiet", true, true)
                  .pod("quiet", false, false)
                  .build());
      assertThat(plan.summary().needingRecycle()).containsExactly("busy");
      assertThat(plan.findings(FindingId.NODE_NEEDS_RECYCLE).get(0).message())
          .contains("2 pod(s) held ENI IPs");
      assertThat(plan.summary().pending()).containsExactly("quiet");
    }

    @Test
    void theRecordedFactOutlivesTheLabel() {
      Plan plan =
          Planner.plan(
              pool().build(),
              converged()
                  .node(
                      node("n-old")
                          .inPool(NP)
                          .label(PoolLabels.TERWAY_CONFIG, "eni-config-db")
                          .annotation(PoolLabels.OWNER, "db")
                          .annotation(PoolLabels.OWNED_LABELS, PoolLabels.TERWAY_CONFIG)
                          .annotation(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=db:NoSchedule")
                          .annotation(
                              PoolLabels.RECYCLE,
                              "trunk ENI eni-123 attached before terway-config=eni-config-db")
                          .taint(poolTaint()))
                  .build());
      assertThat(plan.nodes()).isEmpty();
      assertThat(plan.summary().needingRecycle()).containsExactly("n-old");
    }
  }

  @Nested
  class Deleting {
    @Test
    void deleteRemovesWhatThePoolOwnsAndNothingElse() {
      Plan plan =
          Planner.planDelete(
              pool().build(),
              converged()
                  .node(
                      node("fresh")
                          .inPool(NP)
                          .label(PoolLabels.TERWAY_CONFIG, "eni-config-db")
                          .label(PoolLabels.POOL, "db")
                          .label("team", "x")
                          .taint(poolTaint())
                          .taint(OTHER))
                  .nodePool(
                      Fixtures.ObservedBuilder.nodePool(
                          NP,
                          "db",
                          Map.of(
                              PoolLabels.TERWAY_CONFIG,
                              "eni-config-db",
                              PoolLabels.POOL,
                              "db",
                              "keep",
                              "me"),
                          List.of(poolTaint(), OTHER)))
                  .build());
      assertThat(plan.configMap().action()).isEqualTo(ConfigMapStep.Action.DELETE);
      assertThat(plan.nodes()).extracting(NodeStep::node).containsExactly("fresh", "n-h", "n-i");
      NodeStep fresh = plan.nodes().get(0);
      assertThat(fresh.removeLabels()).containsExactly(PoolLabels.POOL, PoolLabels.TERWAY_CONFIG);
      assertThat(fresh.taintsAfter()).containsExactly(OTHER);
      NodePoolStep.Modify m = (NodePoolStep.Modify) plan.nodePool();
      assertThat(m.update().labels()).containsExactly(Map.entry("keep", "me"));
      assertThat(m.update().taints()).containsExactly(OTHER);
    }

    @Test
    void anOverrideThePoolDoesNotOwnIsNotDeleted() {
      Plan plan =
          Planner.planDelete(
              pool().build(), converged().override(Fixtures.OWNED_ENI_CONF, Map.of()).build());
      assertThat(plan.configMap()).isNull();
      Plan foreign =
          Planner.planDelete(
              pool().adopt().build(),
              converged().override(Fixtures.foreign(Fixtures.OWNED_ENI_CONF)).build());
      assertThat(foreign.configMap()).isNull();
    }

    @Test
    void anAdoptedOverrideIsGivenBackNotDeleted() throws Exception {
      Map<String, String> ann = new TreeMap<>(Fixtures.ownedAnnotations());
      ann.put(PoolLabels.OWNED_ENI_CONF_KEYS, "security_groups,vswitches");
      ann.put(PoolLabels.ADOPTED, "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]}}");
      var cm =
          new ConfigMapState(
              "eni-config-db",
              Map.of(
                  PoolLabels.ENI_CONF,
                  Fixtures.OWNED_ENI_CONF.replace(
                      "}}", "},\"security_groups\":[\"sg-1\"],\"max_eni\":2}")),
              Map.of(PoolLabels.MANAGED_BY, "Helm"),
              ann,
              "8");
      Plan plan = Planner.planDelete(pool().build(), converged().override(cm).build());
      assertThat(plan.configMap().action()).isEqualTo(ConfigMapStep.Action.RELEASE);
      assertThat(JSON.readTree(plan.configMap().eniConf()))
          .isEqualTo(
              JSON.readTree("{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-old\"]},\"max_eni\":2}"));
    }
  }
}
