package io.netplane.config.lint;

import static io.netplane.config.fixtures.Fixtures.NOW;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.VSW_J;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.invalidSelector;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.lint.Finding.Severity;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.rules.NetworkResolver;
import io.netplane.config.rules.VSwitchZones;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN 3 lint: one check per id, each shown firing and staying quiet. */
class LinterTest {

  /** Nodes in both zones of the default eni-config, so that a bare cluster lints clean. */
  static SnapshotBuilder clean() {
    return snapshot().node(node("n-h"), node("n-i").zone(ZONE_I));
  }

  static List<Finding> lint(SnapshotBuilder s) {
    ClusterSnapshot snapshot = s.build();
    return Linter.lint(snapshot, new NetworkResolver(snapshot, new VSwitchZones(snapshot)));
  }

  static List<Finding> findings(SnapshotBuilder s, String id) {
    return lint(s).stream().filter(f -> f.id().id().equals(id)).toList();
  }

  static String[] groups(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "sg-" + i).toArray(String[]::new);
  }

  @Test
  void cleanClusterHasNoFindings() {
    assertThat(
            lint(
                clean()
                    .podNetworking(
                        podNetworking("pn").vSwitches(VSW_H, VSW_I).selectPods("app", "web"))
                    .pod(pod("web-1").label("app", "web").deployment().runningOn("n-h"))))
        .isEmpty();
  }

  @Test
  void findingsAreSortedErrorsFirst() {
    List<Finding> all =
        lint(
            clean()
                .podNetworking(
                    podNetworking("pn-bad").podSelector(invalidSelector()),
                    podNetworking("pn-short")
                        .fixedTtl(Duration.ofMinutes(1))
                        .selectPods("app", "db")));

    assertThat(all).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
  }

  @Nested
  class InvalidSelector {
    @Test
    void invalidPodOrNamespaceSelectorIsAnError() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(
                      podNetworking("pn-pods").podSelector(invalidSelector()),
                      podNetworking("pn-ns")
                          .selectPods("app", "x")
                          .namespaceSelector(invalidSelector()),
                      podNetworking("pn-ok").selectPods("app", "y")),
              "InvalidSelector");

      assertThat(f)
          .extracting(Finding::subject)
          .containsExactly("PodNetworking/pn-ns", "PodNetworking/pn-pods");
      assertThat(f).extracting(Finding::severity).containsOnly(Severity.ERROR);
    }
  }

  @Nested
  class ConflictingPodNetworkings {
    @Test
    void twoPodNetworkingsSelectingOnePodIsAnError() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(
                      podNetworking("pn-old")
                          .selectPods("app", "db")
                          .created(NOW.minus(Duration.ofDays(5))),
                      podNetworking("pn-new").selectPods("tier", "backend"))
                  .pod(pod("db-0").labels("app", "db", "tier", "backend").statefulSet()),
              "ConflictingPodNetworkings");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
                assertThat(x.subject()).isEqualTo("PodNetworking/pn-old");
              });
    }

    @Test
    void disjointSelectorsDoNotConflict() {
      assertThat(
              findings(
                  clean()
                      .podNetworking(
                          podNetworking("pn-a").selectPods("app", "a"),
                          podNetworking("pn-b").selectPods("app", "b"))
                      .pod(pod("a-0").label("app", "a"), pod("b-0").label("app", "b")),
                  "ConflictingPodNetworkings"))
          .isEmpty();
    }

    @Test
    void finishedPodsDoNotCount() {
      assertThat(
              findings(
                  clean()
                      .podNetworking(
                          podNetworking("pn-a").selectPods("app", "a"),
                          podNetworking("pn-b").selectPods("app", "a"))
                      .pod(pod("a-0").label("app", "a").runningOn("n-h").finished()),
                  "ConflictingPodNetworkings"))
          .isEmpty();
    }
  }

  @Nested
  class FixedOnNonFixedName {
    @Test
    void fixedPodNetworkingSelectingADeploymentPodIsAWarning() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(podNetworking("pn-fixed").fixed().selectPods("app", "db"))
                  .pod(
                      pod("db-7f9-x").label("app", "db").deployment(),
                      pod("db-0").label("app", "db").statefulSet()),
              "FixedOnNonFixedName");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.subject()).isEqualTo("Pod/default/db-7f9-x");
              });
    }

    @Test
    void elasticPodNetworkingIsFine() {
      assertThat(
              findings(
                  clean()
                      .podNetworking(podNetworking("pn").selectPods("app", "db"))
                      .pod(pod("db-7f9-x").label("app", "db").deployment()),
                  "FixedOnNonFixedName"))
          .isEmpty();
    }
  }

  @Nested
  class TooManySecurityGroups {
    @ParameterizedTest(name = "{0} security groups, virtual nodes: {1} -> {2}")
    @CsvSource({
      "11, false, ERROR",
      "11, true, ERROR",
      "10, false, NONE",
      "6, true, WARNING",
      "6, false, NONE",
      "5, true, NONE"
    })
    void limitsOnPodNetworkings(int count, boolean virtualNodes, String expected) {
      SnapshotBuilder s =
          clean()
              .podNetworking(
                  podNetworking("pn").securityGroups(groups(count)).selectPods("app", "x"));
      if (virtualNodes) {
        s.node(node("vk").virtual());
      }

      List<Finding> f = findings(s, "TooManySecurityGroups");

      if (expected.equals("NONE")) {
        assertThat(f).isEmpty();
      } else {
        assertThat(f)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.severity()).isEqualTo(Severity.valueOf(expected));
                  assertThat(x.subject()).isEqualTo("PodNetworking/pn");
                });
      }
    }

    @Test
    void eniConfigsAreCheckedToo() {
      List<Finding> f =
          findings(
              clean()
                  .base(c -> c.securityGroups(groups(11)))
                  .override("eni-config-pool", c -> c.securityGroups("sg-1")),
              "TooManySecurityGroups");

      assertThat(f)
          .extracting(Finding::subject)
          .containsExactly("ConfigMap/kube-system/eni-config");
    }
  }

  @Nested
  class ShortFixedIpTtl {
    @ParameterizedTest(name = "TTL {0}m -> finding: {1}")
    @CsvSource({"1, true", "4, true", "5, false", "60, false"})
    void fixedIpTtlUnderFiveMinutesIsAWarning(int minutes, boolean finding) {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(
                      podNetworking("pn")
                          .fixedTtl(Duration.ofMinutes(minutes))
                          .selectPods("app", "db")),
              "ShortFixedIpTtl");

      if (finding) {
        assertThat(f)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.severity()).isEqualTo(Severity.WARNING);
                  assertThat(x.subject()).isEqualTo("PodNetworking/pn");
                });
      } else {
        assertThat(f).isEmpty();
      }
    }

    @Test
    void neverAndElasticAreFine() {
      assertThat(
              findings(
                  clean()
                      .podNetworking(
                          podNetworking("pn-never").fixed().selectPods("app", "db"),
                          podNetworking("pn-elastic")),
                  "ShortFixedIpTtl"))
          .isEmpty();
    }
  }

  @Nested
  class ZoneWithoutNodes {
    @Test
    void podNetworkingWithAVSwitchInAZoneWithoutNodes() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(
                      podNetworking("pn").vSwitches(VSW_H, VSW_J).selectPods("app", "x")),
              "ZoneWithoutNodes");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.subject()).isEqualTo("PodNetworking/pn");
                assertThat(x.message()).contains("cn-hangzhou-j");
              });
    }

    @Test
    void eniConfigZoneWithoutNodes() {
      List<Finding> f = findings(snapshot().node(node("n-h")), "ZoneWithoutNodes");

      assertThat(f)
          .extracting(Finding::subject)
          .containsExactly("ConfigMap/kube-system/eni-config");
    }

    @Test
    void everyZoneHasNodes() {
      assertThat(
              findings(
                  clean()
                      .podNetworking(
                          podNetworking("pn").vSwitches(VSW_H, VSW_I).selectPods("app", "x")),
                  "ZoneWithoutNodes"))
          .isEmpty();
    }
  }

  @Nested
  class VSwitchHeadroom {
    @ParameterizedTest(name = "{0} free IPs for {1} pods -> finding: {2}")
    @CsvSource({"3, 2, true", "4, 2, false", "0, 1, true", "100, 50, false"})
    void podNetworkingNeedsTwiceItsPodsInFreeIps(long free, int pods, boolean finding) {
      SnapshotBuilder s =
          clean()
              .vSwitch("vsw-web", "cn-hangzhou-h", free)
              .podNetworking(podNetworking("pn-web").vSwitches("vsw-web").selectPods("app", "web"));
      IntStream.range(0, pods)
          .forEach(i -> s.pod(pod("web-" + i).label("app", "web").deployment()));

      List<Finding> f = findings(s, "VSwitchHeadroom");

      if (finding) {
        assertThat(f)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.severity()).isEqualTo(Severity.WARNING);
                  assertThat(x.subject()).isEqualTo("PodNetworking/pn-web");
                });
      } else {
        assertThat(f).isEmpty();
      }
    }

    @Test
    void unknownCapacityIsNotReported() {
      SnapshotBuilder s =
          clean()
              .podNetworking(
                  podNetworking("pn-web").vSwitches("vsw-unknown").selectPods("app", "web"))
              .pod(pod("web-0").label("app", "web"));

      assertThat(findings(s, "VSwitchHeadroom")).isEmpty();
    }

    @Test
    void eniConfigPoolsAreCheckedForTheDefaultNetworkPodsOnTheirNodes() {
      SnapshotBuilder s =
          clean()
              .freeIps(VSW_H, 1)
              .freeIps(VSW_I, 1)
              .pod(pod("a").deployment().runningOn("n-h"), pod("b").deployment().runningOn("n-i"));

      assertThat(findings(s, "VSwitchHeadroom"))
          .extracting(Finding::subject)
          .containsExactly("ConfigMap/kube-system/eni-config");
    }
  }

  @Nested
  class Eip {
    @Test
    void autoEipOnADeploymentPod() {
      List<Finding> f =
          findings(
              clean().pod(pod("web-x").deployment().autoEip(), pod("db-0").statefulSet().autoEip()),
              "AutoEipOnDeployment");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.subject()).isEqualTo("Pod/default/web-x");
              });
    }

    @Test
    void staticEipOnAPodThatIsNotAStatefulSetPod() {
      List<Finding> f =
          findings(
              clean()
                  .pod(
                      pod("web-x").deployment().staticEip("eip-1"),
                      pod("bare").staticEip("eip-2"),
                      pod("db-0").statefulSet().staticEip("eip-3")),
              "StaticEipOnNonStatefulSet");

      assertThat(f)
          .extracting(Finding::subject)
          .containsExactly("Pod/default/bare", "Pod/default/web-x");
      assertThat(f).extracting(Finding::severity).containsOnly(Severity.WARNING);
    }
  }

  @Nested
  class PodNetworkingNotReady {
    @Test
    void aNetworkTerwayHasNotMadeReadyIsReportedWithItsStatusMessage() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(
                      podNetworking("broken").vSwitches(VSW_H).notReady("vSwitch vsw-x not found"),
                      podNetworking("fine").vSwitches(VSW_H)),
              "PodNetworkingNotReady");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.subject()).isEqualTo("PodNetworking/broken");
                assertThat(x.message()).contains("not Ready: vSwitch vsw-x not found");
              });
    }
  }

  @Nested
  class VSwitchNotInInventory {
    @Test
    void vSwitchesTheInventoryLacksAreNamedPerNetworkAndConfig() {
      List<Finding> f =
          findings(
              clean()
                  .podNetworking(podNetworking("pn").vSwitches(VSW_H, "vsw-typo"))
                  .override("eni-config-pool", c -> c.vSwitches(ZONE_I, "vsw-gone")),
              "VSwitchNotInInventory");

      assertThat(f)
          .extracting(Finding::subject)
          .containsExactlyInAnyOrder("PodNetworking/pn", "ConfigMap/kube-system/eni-config-pool");
      assertThat(f)
          .allSatisfy(x -> assertThat(x.message()).containsAnyOf("[vsw-typo]", "[vsw-gone]"));
    }

    @Test
    void quietWhenEveryVSwitchIsKnown() {
      assertThat(
              findings(
                  clean().podNetworking(podNetworking("pn").vSwitches(VSW_H, VSW_J)),
                  "VSwitchNotInInventory"))
          .isEmpty();
    }
  }

  @Nested
  class NodeConfigMissing {
    @Test
    void aNodeNamingAConfigMapThatDoesNotExistIsAnError() {
      List<Finding> f =
          findings(
              clean()
                  .override("eni-config-pool", c -> c)
                  .node(
                      node("n-pool").terwayConfig("eni-config-pool"),
                      node("n-typo").terwayConfig("eni-config-poool")),
              "NodeConfigMissing");

      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
                assertThat(x.subject()).isEqualTo("Node/n-typo");
                assertThat(x.message()).contains("kube-system/eni-config-poool");
              });
    }
  }
}
