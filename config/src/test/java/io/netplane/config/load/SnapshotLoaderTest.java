package io.netplane.config.load;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.rejections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netplane.config.model.Allocation;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.ReasonId;
import io.netplane.config.rules.ScoringStrategy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN 3: static snapshots of kubectl output and OpenAPI responses, recognised by content. */
class SnapshotLoaderTest {
  static final Instant TAKEN_AT = Instant.parse("2025-06-01T12:00:00Z");

  static Path resource(String name) {
    try {
      return Path.of(SnapshotLoaderTest.class.getResource("/snapshots/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource snapshots/" + name + " is missing", e);
    }
  }

  @Nested
  class ClusterA {
    final LoadReport report = SnapshotLoader.load(resource("cluster-a"), TAKEN_AT);
    final ClusterSnapshot snapshot = report.snapshot();

    @Test
    void readsEveryManifestAndResponseFileAndNothingElse() {
      assertThat(report.files()).isEqualTo(10);
      assertThat(report.loaded())
          .isEqualTo(
              Map.of(
                  "Node", 4,
                  "Namespace", 3,
                  "Pod", 3,
                  "ConfigMap", 4,
                  "PodNetworking", 2,
                  "PodENI", 1,
                  "VSwitch", 4,
                  "InstanceType", 2));
    }

    @Test
    void unknownKindsAndForeignGroupsAreCountedAsSkipped() {
      assertThat(report.skipped())
          .isEqualTo(Map.of("Deployment", 1, "Service", 1, "PodNetworking", 1));
      assertThat(snapshot.podNetworking("not-terway")).isNull();
    }

    @Test
    void takesTheGivenInstant() {
      assertThat(snapshot.takenAt()).isEqualTo(TAKEN_AT);
    }

    @Test
    void nodesFromAKindListIncludingLegacyLabels() {
      assertThat(snapshot.nodes()).containsOnlyKeys("node-h", "node-i", "node-j", "node-pool");
      NodeView h = snapshot.nodes().get("node-h");
      assertThat(h.zone()).isEqualTo("cn-hangzhou-h");
      assertThat(h.instanceType()).isEqualTo("ecs.g7.xlarge");
      assertThat(h.trunkEniId()).isEqualTo("eni-bp1trunkh");
      assertThat(h.allocatableMemberEni()).isEqualTo(10L);
      assertThat(h.insufficientIp()).isFalse();
      NodeView i = snapshot.nodes().get("node-i");
      assertThat(i.zone()).isEqualTo("cn-hangzhou-i");
      assertThat(i.eniOnly()).isTrue();
      assertThat(i.allocatableEni()).isEqualTo(3L);
      NodeView j = snapshot.nodes().get("node-j");
      assertThat(j.instanceType()).isEqualTo("ecs.sn1ne.large");
      assertThat(j.maxAvailableIp()).isEqualTo(12);
      assertThat(snapshot.nodes().get("node-pool").terwayConfig()).isEqualTo("eni-config-pool-a");
    }

    @Test
    void namespacesFromKubectlJsonOutput() {
      assertThat(snapshot.namespaces()).containsOnlyKeys("default", "kube-system", "apps");
      assertThat(snapshot.namespaces().get("apps").labels()).containsEntry("team", "web");
    }

    @Test
    void podsFromMultiDocumentYamlWithEmptyDocuments() {
      assertThat(snapshot.pods())
          .extracting(PodView::key)
          .containsExactlyInAnyOrder("apps/web-7d9f8-abcde", "apps/db-0", "default/plain");
      PodView web = snapshot.pod("apps", "web-7d9f8-abcde");
      assertThat(web.ownerKinds()).containsExactly("ReplicaSet");
      assertThat(web.nodeName()).isEqualTo("node-h");
      assertThat(web.hasIp()).isTrue();
      assertThat(web.memberEniRequest()).isEqualTo(1);
      assertThat(web.networkAnnotations().podNetworking()).isEqualTo("pn-web");
      assertThat(snapshot.pod("apps", "db-0").ownerKinds()).containsExactly("StatefulSet");
    }

    @Test
    void terwayObjects() {
      assertThat(snapshot.podNetworkings())
          .extracting(pn -> pn.name())
          .containsExactly("pn-web", "pn-db");
      assertThat(snapshot.podNetworking("pn-db").spec().allocation())
          .isEqualTo(
              new Allocation(
                  Allocation.AllocationType.FIXED,
                  Allocation.ReleaseStrategy.TTL,
                  Duration.ofMinutes(10)));
      PodEni eni = snapshot.podEnis().get("apps/db-0");
      assertThat(eni).isNotNull();
      assertThat(eni.zone()).isEqualTo("cn-hangzhou-i");
      assertThat(eni.podLastSeen()).isEqualTo(Instant.parse("2025-06-01T11:55:00Z"));
    }

    @Test
    void cloudResponsesInPascalCaseWhateverTheFileIsCalled() {
      assertThat(snapshot.vSwitches())
          .containsOnlyKeys("vsw-bp1h", "vsw-bp1i", "vsw-bp1pool", "vsw-bp1j");
      assertThat(snapshot.vSwitches().get("vsw-bp1h"))
          .isEqualTo(new VSwitch("vsw-bp1h", "cn-hangzhou-h", "10.0.0.0/20", "vpc-bp1", 200L));
      assertThat(snapshot.vSwitches().get("vsw-bp1j").zone()).isEqualTo("cn-hangzhou-j");
      assertThat(snapshot.vSwitches().get("vsw-bp1j").availableIps()).isEqualTo(1000);
      assertThat(snapshot.instanceTypes().get("ecs.g7.xlarge").memberEniLimit()).isEqualTo(10);
      assertThat(snapshot.instanceTypes().get("ecs.g7.xlarge").ipsPerEni()).isEqualTo(15);
      assertThat(snapshot.instanceTypes().get("ecs.sn1ne.large").trunkSupported()).isFalse();
      assertThat(snapshot.instanceTypes().get("ecs.sn1ne.large").memberEniLimit()).isZero();
    }

    @Test
    void baseEniConfigComesFromKubeSystemOnly() {
      EniConfig base = snapshot.baseConfig();

      assertThat(base.name()).isEqualTo("eni-config");
      assertThat(base.vSwitches())
          .isEqualTo(
              Map.of("cn-hangzhou-h", List.of("vsw-bp1h"), "cn-hangzhou-i", List.of("vsw-bp1i")));
      assertThat(base.securityGroups()).containsExactly("sg-bp1base");
      assertThat(base.selectionPolicy()).isEqualTo(SelectionPolicy.MOST);
      assertThat(base.trunking()).isTrue();
    }

    @Test
    void overrideIsTheBaseMergedWithItsEniConfAsRfc7396() {
      // coredns has no eni_conf: a node naming it would get the base config
      assertThat(snapshot.overrideConfigs()).containsOnlyKeys("eni-config-pool-a", "coredns");
      assertThat(snapshot.overrideConfigs().get("coredns").vSwitches())
          .isEqualTo(snapshot.baseConfig().vSwitches());
      EniConfig pool = snapshot.overrideConfigs().get("eni-config-pool-a");

      assertThat(pool.vSwitches())
          .isEqualTo(
              Map.of(
                  "cn-hangzhou-h", List.of("vsw-bp1pool"), "cn-hangzhou-i", List.of("vsw-bp1i")));
      assertThat(pool.securityGroups()).containsExactly("sg-bp1pool");
      assertThat(pool.trunking()).isFalse();
      assertThat(pool.selectionPolicy()).isEqualTo(SelectionPolicy.MOST);
    }

    @Test
    void loadedSnapshotDecidesEndToEnd() {
      Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);

      Decision db = decider.decideAll(snapshot.pod("apps", "db-0"));
      Decision plain = decider.decideAll(snapshot.pod("default", "plain"));

      assertThat(db.pin()).isNotNull();
      assertThat(db.nodes())
          .filteredOn(n -> n.verdict().fits())
          .extracting(NodeDecision::node)
          .containsExactly("node-i");
      NodeDecision plainOnI = on(plain, "node-i");
      assertThat(plainOnI.verdict().code()).isEqualTo(Code.UNSCHEDULABLE);
      assertThat(rejections(plainOnI)).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
      assertThat(plain.nodes())
          .filteredOn(n -> n.verdict().fits())
          .extracting(NodeDecision::node)
          .containsExactlyInAnyOrder("node-h", "node-j", "node-pool");
    }

    @Test
    void ttlIsEvaluatedAtTheInstantGivenToTheLoader() {
      ClusterSnapshot later =
          SnapshotLoader.load(resource("cluster-a"), Instant.parse("2025-06-01T12:05:00Z"))
              .snapshot();

      Decision db = new Decider(later, ScoringStrategy.SPREAD).decideAll(later.pod("apps", "db-0"));

      assertThat(db.pin()).isNull();
      assertThat(rejections(on(db, "node-i"))).containsExactly(ReasonId.VSWITCHES_EXHAUSTED);
    }
  }

  @Nested
  class Errors {
    @Test
    void malformedYamlNamesTheFileAndTheLine() {
      Path dir = resource("malformed-yaml");

      assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
          .isInstanceOfSatisfying(
              SnapshotLoadException.class,
              e -> {
                assertThat(e.file()).isEqualTo(dir.resolve("broken/nodes.yaml"));
                // the flow sequence opened on line 7 is found unterminated on line 8
                assertThat(e.getMessage()).contains("nodes.yaml").containsPattern("line 8\\b");
              });
    }

    @Test
    void malformedJsonNamesTheFileAndTheLine() {
      Path dir = resource("malformed-json");

      assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
          .isInstanceOfSatisfying(
              SnapshotLoadException.class,
              e -> {
                assertThat(e.file()).isEqualTo(dir.resolve("vswitches.json"));
                assertThat(e.getMessage()).contains("vswitches.json").containsPattern("line 4\\b");
              });
    }

    @Test
    void invalidEniConfLoadsAsAConfigTerwayRefuses() {
      ClusterSnapshot s = SnapshotLoader.load(resource("bad-eni-conf"), TAKEN_AT).snapshot();

      assertThat(s.baseConfig().loadable()).isFalse();
      assertThat(s.baseConfig().problem())
          .contains("kube-system/eni-config", "eni_conf is not valid JSON");
    }

    @Test
    void documentThatIsNotAnObjectIsRejected() {
      assertThatThrownBy(() -> SnapshotLoader.load(resource("top-level-array"), TAKEN_AT))
          .isInstanceOf(SnapshotLoadException.class)
          .hasMessageContaining("list.yaml");
    }

    @Test
    void missingDirectoryIsAnError(@TempDir Path tmp) {
      assertThatThrownBy(() -> SnapshotLoader.load(tmp.resolve("nope"), TAKEN_AT))
          .isInstanceOf(SnapshotLoadException.class)
          .hasMessageContaining("nope");
    }
  }

  @Nested
  class Edges {
    @Test
    void emptyDirectoryGivesAnEmptySnapshot(@TempDir Path tmp) {
      LoadReport r = SnapshotLoader.load(tmp, TAKEN_AT);

      assertThat(r.files()).isZero();
      assertThat(r.snapshot().nodes()).isEmpty();
      assertThat(r.snapshot().baseConfig()).isNull();
    }

    @Test
    void yamlOfOnlyEmptyDocumentsAndCommentsLoadsNothing(@TempDir Path tmp) throws IOException {
      Files.writeString(tmp.resolve("empty.yaml"), "---\n# nothing here\n---\n---\n");
      Files.writeString(tmp.resolve("blank.yml"), "");

      LoadReport r = SnapshotLoader.load(tmp, TAKEN_AT);

      assertThat(r.files()).isEqualTo(2);
      assertThat(r.loaded()).isEmpty();
      assertThat(r.skipped()).isEmpty();
    }

    @Test
    void unrecognisedDocumentIsSkipped(@TempDir Path tmp) throws IOException {
      Files.writeString(
          tmp.resolve("misc.yaml"),
          "foo: bar\n---\nkind: Node\nmetadata: {name: no-api-version}\n");

      LoadReport r = SnapshotLoader.load(tmp, TAKEN_AT);

      assertThat(r.snapshot().nodes()).isEmpty();
      assertThat(r.skipped().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void jsonContentInAYamlFileIsRecognised(@TempDir Path tmp) throws IOException {
      Files.writeString(
          tmp.resolve("pods.yaml"),
          "{\"InstanceTypes\": {\"InstanceType\": [{\"InstanceTypeId\": \"ecs.x\", \"EniQuantity\": 2,"
              + " \"EniPrivateIpAddressQuantity\": 5, \"EniTotalQuantity\": 6, \"EniTrunkSupported\": true}]}}");

      ClusterSnapshot s = SnapshotLoader.load(tmp, TAKEN_AT).snapshot();

      assertThat(s.instanceTypes()).containsOnlyKeys("ecs.x");
      assertThat(s.instanceTypes().get("ecs.x").memberEniLimit()).isEqualTo(4);
    }

    @Test
    void overrideWithoutBaseIsItsOwnEniConf(@TempDir Path tmp) throws IOException {
      Files.writeString(
          tmp.resolve("cm.yaml"),
          """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: eni-config-pool, namespace: kube-system}
          data:
            eni_conf: '{"vswitches": {"cn-hangzhou-h": ["vsw-p"]}}'
          """);

      ClusterSnapshot s = SnapshotLoader.load(tmp, TAKEN_AT).snapshot();

      assertThat(s.baseConfig()).isNull();
      assertThat(s.overrideConfigs().get("eni-config-pool").vSwitchesIn("cn-hangzhou-h"))
          .containsExactly("vsw-p");
    }
  }
}
