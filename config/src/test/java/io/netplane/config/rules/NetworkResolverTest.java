package io.netplane.config.rules;

import static io.netplane.config.fixtures.Fixtures.NOW;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.VSW_J;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.everything;
import static io.netplane.config.fixtures.Fixtures.invalidSelector;
import static io.netplane.config.fixtures.Fixtures.networkSpec;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.selector;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.PodBuilder;
import io.netplane.config.fixtures.PodNetworkingBuilder;
import io.netplane.config.fixtures.SnapshotBuilder;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniType;
import io.netplane.config.model.LabelSelector;
import io.netplane.config.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN 2.1: which network applies to a pod, with Terway's webhook precedence. */
class NetworkResolverTest {

  static Resolution resolve(ClusterSnapshot snapshot, PodBuilder pod) {
    return new NetworkResolver(snapshot, new VSwitchZones(snapshot)).resolve(pod.build());
  }

  static List<String> networkNames(Resolution r) {
    return r.networks().stream().map(Network::name).toList();
  }

  @Nested
  class Precedence {
    /** One PodNetworking for each way of choosing a network, and an opted-out namespace. */
    final ClusterSnapshot snapshot =
        snapshot()
            .namespace("opted-out", Labels.POD_ENI, "false")
            .namespace("opted-in", Labels.POD_ENI, "true")
            .podNetworking(
                podNetworking("pn-selected").selectPods("app", "web").vSwitches(VSW_H),
                podNetworking("pn-named").selectPods("app", "never").vSwitches(VSW_I),
                podNetworking("pn-requested").vSwitches(VSW_J))
            .build();

    record Row(
        String name, UnaryOperator<PodBuilder> pod, Resolution.Kind kind, List<String> networks) {
      @Override
      public String toString() {
        return name;
      }
    }

    static PodBuilder web() {
      return pod("p").label("app", "web");
    }

    static PodBuilder allAnnotations(PodBuilder p) {
      return p.podNetworks(networkSpec(VSW_I))
          .podNetworksRequest("pn-requested")
          .podNetworking("pn-named");
    }

    static Stream<Row> rows() {
      return Stream.of(
          new Row(
              "hostNetwork pod is unmanaged",
              p -> p.hostNetwork(),
              Resolution.Kind.UNMANAGED,
              List.of()),
          new Row(
              "hostNetwork beats every annotation",
              p -> allAnnotations(p.hostNetwork()),
              Resolution.Kind.UNMANAGED,
              List.of()),
          new Row(
              "ignore-by-terway=true is unmanaged",
              p -> allAnnotations(p.ignoredByTerway()),
              Resolution.Kind.UNMANAGED,
              List.of()),
          new Row(
              "ignore-by-terway=false is managed",
              p -> p.label(Labels.IGNORE_BY_TERWAY, "false"),
              Resolution.Kind.SELECTOR,
              List.of("pn-selected")),
          new Row(
              "namespace pod-eni=false uses the default network even if a selector matches",
              p -> p.namespace("opted-out"),
              Resolution.Kind.DEFAULT,
              List.of()),
          new Row(
              "namespace pod-eni=false ignores network annotations too",
              p -> allAnnotations(p.namespace("opted-out")),
              Resolution.Kind.DEFAULT,
              List.of()),
          new Row(
              "namespace pod-eni=true is not an opt-out",
              p -> p.namespace("opted-in"),
              Resolution.Kind.SELECTOR,
              List.of("pn-selected")),
          new Row(
              "pod-networks beats pod-networks-request, pod-networking and selector",
              Precedence::allAnnotations,
              Resolution.Kind.POD_NETWORKS,
              List.of("pod-networks[0]")),
          new Row(
              "pod-networks-request beats pod-networking and selector",
              p -> p.podNetworksRequest("pn-requested").podNetworking("pn-named"),
              Resolution.Kind.POD_NETWORKS_REQUEST,
              List.of("pn-requested")),
          new Row(
              "pod-networking beats selector",
              p -> p.podNetworking("pn-named"),
              Resolution.Kind.POD_NETWORKING,
              List.of("pn-named")),
          new Row(
              "selector when no annotation",
              p -> p,
              Resolution.Kind.SELECTOR,
              List.of("pn-selected")),
          new Row(
              "default network when nothing selects",
              p -> pod("other").label("app", "batch"),
              Resolution.Kind.DEFAULT,
              List.of()),
          new Row(
              "unparsable network annotation places the pod nowhere",
              p -> p.annotationError("pod annotation is not valid JSON"),
              Resolution.Kind.INVALID,
              List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void choosesTheNetworkWithTerwaysPrecedence(Row row) {
      Resolution r = resolve(snapshot, row.pod.apply(web()));

      assertThat(r.kind()).isEqualTo(row.kind);
      assertThat(networkNames(r)).containsExactlyElementsOf(row.networks);
      if (row.kind == Resolution.Kind.INVALID) {
        assertThat(r.invalid().id()).isEqualTo(ReasonId.NETWORK_INVALID);
      }
    }

    @Test
    void podNetworksAnnotationTakesItsZonesFromTheInventory() {
      Resolution r =
          resolve(snapshot, pod("p").podNetworks(networkSpec(VSW_H), networkSpec(VSW_H, VSW_I)));

      assertThat(networkNames(r)).containsExactly("pod-networks[0]", "pod-networks[1]");
      assertThat(r.networks().get(1).zones()).containsExactlyInAnyOrder(ZONE_H, ZONE_I);
      assertThat(r.allowedZones()).containsExactly(ZONE_H);
    }

    @Test
    void podNetworkingAnnotationNamingAMissingPodNetworkingIsInvalid() {
      Resolution r = resolve(snapshot, pod("p").podNetworking("pn-gone"));

      assertThat(r.kind()).isEqualTo(Resolution.Kind.INVALID);
      assertThat(r.invalid().id()).isEqualTo(ReasonId.NETWORK_INVALID);
      assertThat(r.invalid().detail()).containsEntry("podNetworking", "pn-gone");
    }
  }

  @Nested
  class SelectorMatching {
    record Row(
        String name,
        UnaryOperator<PodNetworkingBuilder> podNetworking,
        UnaryOperator<PodBuilder> pod,
        boolean matches) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Row row(String name, UnaryOperator<PodNetworkingBuilder> pn, boolean matches) {
      return new Row(name, pn, p -> p, matches);
    }

    static LabelSelector sel(UnaryOperator<io.netplane.config.fixtures.SelectorBuilder> f) {
      return f.apply(selector()).build();
    }

    /** The pod is labelled app=db, tier=backend; its namespace team-a has team=a, env=prod. */
    static Stream<Row> rows() {
      return Stream.of(
          row("matchLabels equal", pn -> pn.selectPods("app", "db"), true),
          row(
              "matchLabels several, all equal",
              pn -> pn.selectPods("app", "db", "tier", "backend"),
              true),
          row("matchLabels other value", pn -> pn.selectPods("app", "web"), false),
          row("matchLabels key absent from pod", pn -> pn.selectPods("zone", "h"), false),
          row(
              "not Ready is skipped",
              pn -> pn.selectPods("app", "db").notReady("vsw not found"),
              false),
          row("neither selector never matches", pn -> pn, false),
          row(
              "podSelector AND namespaceSelector, both match",
              pn -> pn.selectPods("app", "db").selectNamespaces("team", "a"),
              true),
          row(
              "podSelector matches but namespaceSelector does not",
              pn -> pn.selectPods("app", "db").selectNamespaces("team", "b"),
              false),
          row(
              "namespaceSelector matches but podSelector does not",
              pn -> pn.selectPods("app", "web").selectNamespaces("team", "a"),
              false),
          row(
              "absent podSelector is no constraint",
              pn -> pn.selectNamespaces("env", "prod"),
              true),
          row(
              "absent namespaceSelector is no constraint",
              pn -> pn.selectPods("tier", "backend"),
              true),
          row("empty {} podSelector matches everything", pn -> pn.podSelector(everything()), true),
          row(
              "empty {} namespaceSelector matches everything",
              pn -> pn.namespaceSelector(everything()),
              true),
          row(
              "In with the pod's value",
              pn -> pn.podSelector(sel(s -> s.in("app", "web", "db"))),
              true),
          row(
              "In without the pod's value",
              pn -> pn.podSelector(sel(s -> s.in("app", "web"))),
              false),
          row(
              "In on a key the pod lacks",
              pn -> pn.podSelector(sel(s -> s.in("color", "red"))),
              false),
          row(
              "NotIn with another value",
              pn -> pn.podSelector(sel(s -> s.notIn("app", "web"))),
              true),
          row(
              "NotIn with the pod's value",
              pn -> pn.podSelector(sel(s -> s.notIn("app", "db", "web"))),
              false),
          row(
              "NotIn on a key the pod lacks",
              pn -> pn.podSelector(sel(s -> s.notIn("color", "red"))),
              true),
          row("Exists on a present key", pn -> pn.podSelector(sel(s -> s.exists("tier"))), true),
          row("Exists on an absent key", pn -> pn.podSelector(sel(s -> s.exists("color"))), false),
          row(
              "DoesNotExist on an absent key",
              pn -> pn.podSelector(sel(s -> s.doesNotExist("color"))),
              true),
          row(
              "DoesNotExist on a present key",
              pn -> pn.podSelector(sel(s -> s.doesNotExist("tier"))),
              false),
          row(
              "matchLabels and matchExpressions must both hold",
              pn -> pn.podSelector(sel(s -> s.matchLabel("app", "db").doesNotExist("tier"))),
              false),
          row(
              "namespace matchExpressions",
              pn -> pn.namespaceSelector(sel(s -> s.in("env", "prod", "staging").exists("team"))),
              true),
          row(
              "invalid podSelector matches nothing",
              pn -> pn.podSelector(invalidSelector()),
              false),
          row(
              "invalid namespaceSelector matches nothing, even with a matching podSelector",
              pn -> pn.selectPods("app", "db").namespaceSelector(invalidSelector()),
              false),
          new Row(
              "pod in a namespace missing from the snapshot has no namespace labels",
              pn -> pn.selectNamespaces("team", "a"),
              p -> p.namespace("ghost"),
              false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesWithFullLabelSelectorSemantics(Row row) {
      ClusterSnapshot s =
          snapshot()
              .namespace("team-a", "team", "a", "env", "prod")
              .podNetworking(row.podNetworking.apply(podNetworking("pn")))
              .build();

      Resolution r =
          resolve(
              s,
              row.pod.apply(
                  pod("db-0").namespace("team-a").labels("app", "db", "tier", "backend")));

      if (row.matches) {
        assertThat(r.kind()).isEqualTo(Resolution.Kind.SELECTOR);
        assertThat(networkNames(r)).containsExactly("pn");
      } else {
        assertThat(r.kind()).isEqualTo(Resolution.Kind.DEFAULT);
        assertThat(r.networks()).isEmpty();
      }
    }
  }

  @Nested
  class FixedName {
    record Row(String name, String ownerKind, List<String> customKinds, boolean fixedName) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Row> rows() {
      return Stream.of(
          new Row("bare pod (no owner)", null, List.of(), true),
          new Row("StatefulSet", "StatefulSet", List.of(), true),
          new Row("ReplicaSet is not", "ReplicaSet", List.of(), false),
          new Row("Job is not", "Job", List.of(), false),
          new Row("DaemonSet is not", "DaemonSet", List.of(), false),
          new Row(
              "kind listed in custom_stateful_workload_kinds",
              "CloneSet",
              List.of("CloneSet"),
              true),
          new Row(
              "kind not listed in custom_stateful_workload_kinds",
              "CloneSet",
              List.of("GameServerSet"),
              false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void fixedPodNetworkingMatchesOnlyFixedNamePods(Row row) {
      ClusterSnapshot s =
          snapshot()
              .base(c -> c.statefulWorkloadKinds(row.customKinds.toArray(String[]::new)))
              .podNetworking(podNetworking("pn-fixed").fixed().selectPods("app", "db"))
              .build();
      PodBuilder p = pod("db-0").label("app", "db").ownedBy(row.ownerKind);

      Resolution r = resolve(s, p);

      assertThat(new NetworkResolver(s, new VSwitchZones(s)).fixedName(p.build()))
          .isEqualTo(row.fixedName);
      assertThat(r.kind())
          .isEqualTo(row.fixedName ? Resolution.Kind.SELECTOR : Resolution.Kind.DEFAULT);
    }

    @Test
    void elasticPodNetworkingMatchesNonFixedNamePods() {
      ClusterSnapshot s =
          snapshot().podNetworking(podNetworking("pn").selectPods("app", "web")).build();

      Resolution r = resolve(s, pod("web-abc").label("app", "web").deployment());

      assertThat(networkNames(r)).containsExactly("pn");
    }

    @Test
    void customStatefulKindsInANodeOverrideDoNotCountBecauseTerwaysWebhookReadsTheBaseOnly() {
      ClusterSnapshot s =
          snapshot()
              .override("eni-config-pool", c -> c.statefulWorkloadKinds("CloneSet"))
              .podNetworking(podNetworking("pn-fixed").fixed().selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db").ownedBy("CloneSet"));

      assertThat(r.kind()).isEqualTo(Resolution.Kind.DEFAULT);
    }

    @Test
    void fixedPodNetworkingIsSkippedForANonFixedNamePodAndTheNextMatchWins() {
      ClusterSnapshot s =
          snapshot()
              .podNetworking(
                  podNetworking("pn-fixed")
                      .fixed()
                      .selectPods("app", "db")
                      .created(NOW.minus(Duration.ofDays(9))),
                  podNetworking("pn-elastic").selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-x").label("app", "db").deployment());

      assertThat(networkNames(r)).containsExactly("pn-elastic");
      assertThat(r.conflicts()).isEmpty();
    }
  }

  @Nested
  class SeveralMatches {
    @Test
    void oldestCreationTimestampThenNameWinsAndTheOthersAreConflicts() {
      ClusterSnapshot s =
          snapshot()
              .podNetworking(
                  podNetworking("a-newest")
                      .selectPods("app", "db")
                      .created(NOW.minus(Duration.ofDays(1))),
                  podNetworking("c-old")
                      .selectPods("app", "db")
                      .created(NOW.minus(Duration.ofDays(3))),
                  podNetworking("b-old")
                      .podSelector(everything())
                      .created(NOW.minus(Duration.ofDays(3))),
                  podNetworking("d-other")
                      .selectPods("app", "web")
                      .created(NOW.minus(Duration.ofDays(5))))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db"));

      assertThat(r.kind()).isEqualTo(Resolution.Kind.SELECTOR);
      assertThat(networkNames(r)).containsExactly("b-old");
      assertThat(r.conflicts()).containsExactly("c-old", "a-newest");
    }

    @Test
    void winnerDoesNotDependOnTheOrderPodNetworkingsWereListed() {
      PodNetworkingBuilder older =
          podNetworking("zz-older").selectPods("app", "db").created(NOW.minus(Duration.ofDays(7)));
      PodNetworkingBuilder newer =
          podNetworking("aa-newer").selectPods("app", "db").created(NOW.minus(Duration.ofDays(2)));

      Resolution r1 =
          resolve(snapshot().podNetworking(older, newer).build(), pod("db-0").label("app", "db"));
      Resolution r2 =
          resolve(snapshot().podNetworking(newer, older).build(), pod("db-0").label("app", "db"));

      assertThat(networkNames(r1)).containsExactly("zz-older");
      assertThat(networkNames(r2)).containsExactly("zz-older");
      assertThat(r1.conflicts()).containsExactly("aa-newer");
    }

    @Test
    void singleMatchHasNoConflicts() {
      Resolution r =
          resolve(
              snapshot().podNetworking(podNetworking("pn").selectPods("app", "db")).build(),
              pod("db-0").label("app", "db"));

      assertThat(r.conflicts()).isEmpty();
    }
  }

  @Nested
  class PodNetworksRequest {
    static SnapshotBuilder requestable() {
      return snapshot()
          .podNetworking(
              podNetworking("net-hi").vSwitches(VSW_H, VSW_I),
              podNetworking("net-ij").vSwitches(VSW_I, VSW_J),
              podNetworking("net-j").vSwitches(VSW_J),
              podNetworking("net-eni").vSwitches(VSW_H, VSW_I).eniType(EniType.ENI),
              podNetworking("net-broken").vSwitches(VSW_H).notReady("InvalidVSwitchId.NotFound"),
              podNetworking("net-selected").vSwitches(VSW_H).selectPods("app", "db"),
              podNetworking("net-ns-everything").vSwitches(VSW_H).namespaceSelector(everything()));
    }

    record Row(String name, List<String> requested, String blamed) {
      @Override
      public String toString() {
        return name;
      }
    }

    static Stream<Row> invalidRows() {
      return Stream.of(
          new Row("missing PodNetworking", List.of("net-gone"), "net-gone"),
          new Row("not Ready", List.of("net-broken"), "net-broken"),
          new Row("has a podSelector", List.of("net-selected"), "net-selected"),
          new Row(
              "has an empty {} namespaceSelector",
              List.of("net-ns-everything"),
              "net-ns-everything"),
          new Row("second of two is missing", List.of("net-hi", "net-gone"), "net-gone"),
          new Row("mixed eniTypes", List.of("net-hi", "net-eni"), null),
          new Row("empty zone intersection", List.of("net-hi", "net-j"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRows")
    void invalidRequestPlacesThePodNowhere(Row row) {
      ClusterSnapshot s = requestable().build();

      Resolution r = resolve(s, pod("p").podNetworksRequest(row.requested.toArray(String[]::new)));

      assertThat(r.kind()).isEqualTo(Resolution.Kind.INVALID);
      assertThat(r.invalid().id()).isEqualTo(ReasonId.NETWORK_INVALID);
      assertThat(r.networks()).isEmpty();
      if (row.blamed != null) {
        assertThat(r.invalid().detail()).containsEntry("podNetworking", row.blamed);
      }
    }

    @Test
    void zonesAreTheIntersectionOfTheRequestedNetworks() {
      Resolution r =
          resolve(requestable().build(), pod("p").podNetworksRequest("net-hi", "net-ij"));

      assertThat(r.kind()).isEqualTo(Resolution.Kind.POD_NETWORKS_REQUEST);
      assertThat(networkNames(r)).containsExactly("net-hi", "net-ij");
      assertThat(r.allowedZones()).containsExactly(ZONE_I);
    }

    @Test
    void emptyIntersectionNamesTheNetworksAndTheirZones() {
      Resolution r = resolve(requestable().build(), pod("p").podNetworksRequest("net-hi", "net-j"));

      assertThat(r.invalid().detail()).containsEntry("podNetworkings", List.of("net-hi", "net-j"));
      assertThat(r.invalid().detail()).containsKey("zones");
    }

    @Test
    void decidingAnInvalidRequestRejectsEveryNodeAsUnresolvable() {
      Decision d =
          requestable()
              .node(
                  io.netplane.config.fixtures.Fixtures.node("n-h"),
                  io.netplane.config.fixtures.Fixtures.node("n-j").zone(ZONE_J))
              .decider()
              .decideAll(pod("p").podNetworksRequest("net-hi", "net-j").build());

      assertThat(d.nodes())
          .hasSize(2)
          .allSatisfy(
              n -> {
                assertThat(n.verdict().code()).isEqualTo(Code.UNRESOLVABLE);
                assertThat(n.verdict().reasons())
                    .extracting(Reason::id)
                    .containsExactly(ReasonId.NETWORK_INVALID);
                assertThat(n.score()).isZero();
              });
    }
  }

  @Nested
  class Zones {
    @Test
    void zonesComeFromStatusVSwitchesWhenPresentEvenIfTheInventoryDisagrees() {
      ClusterSnapshot s =
          snapshot()
              .podNetworking(
                  podNetworking("pn")
                      .vSwitches(VSW_H)
                      .statusVSwitch(VSW_H, "cn-hangzhou-k")
                      .selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db"));

      assertThat(r.networks().get(0).zones()).containsExactly("cn-hangzhou-k");
      assertThat(r.allowedZones()).containsExactly("cn-hangzhou-k");
    }

    @Test
    void statusVSwitchesGiveZonesOfVSwitchesTheInventoryDoesNotKnow() {
      ClusterSnapshot s =
          snapshot()
              .withoutVSwitches()
              .podNetworking(
                  podNetworking("pn")
                      .vSwitches("vsw-x")
                      .statusVSwitch("vsw-x", ZONE_J)
                      .selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db"));

      assertThat(r.allowedZones()).containsExactly(ZONE_J);
      assertThat(r.zonesUncertain()).isFalse();
    }

    @Test
    void withoutStatusZonesComeFromTheInventory() {
      ClusterSnapshot s =
          snapshot()
              .podNetworking(podNetworking("pn").vSwitches(VSW_H, VSW_I).selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db"));

      assertThat(r.allowedZones()).isEqualTo(Set.of(ZONE_H, ZONE_I));
      assertThat(r.zonesUncertain()).isFalse();
    }

    @Test
    void vSwitchOfUnknownZoneMakesTheNetworkUnconstrained() {
      ClusterSnapshot s =
          snapshot()
              .podNetworking(
                  podNetworking("pn").vSwitches(VSW_H, "vsw-unknown").selectPods("app", "db"))
              .build();

      Resolution r = resolve(s, pod("db-0").label("app", "db"));

      assertThat(r.networks().get(0).unknownVSwitches()).containsExactly("vsw-unknown");
      assertThat(r.zonesUncertain()).isTrue();
      assertThat(r.allowedZones()).isNull();
    }
  }

  /** Pods alike in everything resolving reads share one resolution; any difference counts. */
  @Nested
  class Alike {
    final ClusterSnapshot snapshot =
        snapshot()
            .namespace("opted-out", Labels.POD_ENI, "false")
            .podNetworking(
                podNetworking("pn-web").selectPods("app", "web").vSwitches(VSW_H),
                podNetworking("pn-db").selectPods("app", "db").vSwitches(VSW_I).fixed(),
                podNetworking("pn-named").vSwitches(VSW_J))
            .build();
    final NetworkResolver resolver = new NetworkResolver(snapshot, new VSwitchZones(snapshot));

    @Test
    void podsThatDifferOnlyInNameAndUidShareTheResolution() {
      Resolution first = resolver.resolveAlike(pod("web-1").uid("u1").label("app", "web").build());
      Resolution second = resolver.resolveAlike(pod("web-2").uid("u2").label("app", "web").build());

      assertThat(networkNames(first)).containsExactly("pn-web");
      assertThat(second).isSameAs(first);
    }

    /** Changes of one thing resolving reads, each giving another resolution than the base's. */
    static Stream<UnaryOperator<PodBuilder>> differences() {
      return Stream.of(
          p -> p.label("app", "web"),
          p -> p.label(Labels.IGNORE_BY_TERWAY, "true"),
          p -> p.namespace("opted-out"),
          p -> p.hostNetwork(),
          p -> p.podNetworking("pn-named"),
          p -> p.statefulSet(),
          p -> p.annotationError("not JSON"));
    }

    /** A Deployment's pod the fixed-IP pn-db would select, were it a StatefulSet's. */
    static PodBuilder base(String name) {
      return pod(name).label("app", "db").deployment();
    }

    @ParameterizedTest
    @MethodSource("differences")
    void aPodThatDiffersInWhatResolvingReadsIsResolvedOnItsOwn(UnaryOperator<PodBuilder> change) {
      var base = base("db-1").build();
      var different = change.apply(base("db-2")).build();
      assertThat(resolver.resolve(different)).isNotEqualTo(resolver.resolve(base));

      resolver.resolveAlike(base);

      assertThat(resolver.resolveAlike(different)).isEqualTo(resolver.resolve(different));
    }

    @Test
    void aPodWhoseLabelsWeighMoreThanItKeepsIsResolvedEachTime() {
      var heavy =
          pod("web-1")
              .label("app", "web")
              .label("note", "x".repeat(NetworkResolver.MAX_ALIKE_CHARS))
              .build();

      Resolution first = resolver.resolveAlike(heavy);

      assertThat(networkNames(first)).containsExactly("pn-web");
      assertThat(resolver.resolveAlike(heavy)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void moreKindsOfPodsThanItKeepsAreStillResolvedRight() {
      for (int i = 0; i < NetworkResolver.MAX_ALIKE * 2; i++) {
        var pod = pod("p-" + i).label("app", i % 3 == 0 ? "web" : "x-" + i).build();
        assertThat(networkNames(resolver.resolveAlike(pod)))
            .as("pod %d", i)
            .isEqualTo(i % 3 == 0 ? List.of("pn-web") : List.of());
      }
    }
  }
}
