package io.netplane.config.rules;

import static io.netplane.config.fixtures.Decisions.on;
import static io.netplane.config.fixtures.Decisions.reason;
import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.ZONE_H;
import static io.netplane.config.fixtures.Fixtures.networkSpec;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What kube-scheduler gets for a rejected node ({@link Verdict#summary()}): a short line that nodes
 * of one group share, so that its event counts them together; explain keeps the whole message.
 */
class ReasonBriefTest {
  /** Detail keys whose values belong to one node (or one attempt) and must stay off the wire. */
  static final Set<String> OWN =
      Set.of(
          "node",
          "free",
          "used",
          "capacity",
          "needed",
          "freeIps",
          "vSwitchIds",
          "problem",
          "podENI",
          "allowedZones",
          "networks",
          "ownerKinds",
          "zones",
          "podNetworkings");

  /** Every detail key the rules write. */
  static final Set<String> KEYS =
      Set.of(
          "zone",
          "network",
          "pinnedZone",
          "configMap",
          "needs",
          "instanceType",
          "trunkingEnabled",
          "resource",
          "podNetworking");

  static Stream<ReasonId> rejecting() {
    return Stream.of(ReasonId.values()).filter(ReasonId::rejects);
  }

  @ParameterizedTest
  @MethodSource("rejecting")
  void everyRejectingReasonIsOneBoundedLineWithoutWhatBelongsToANode(ReasonId id) {
    Map<String, Object> detail = new TreeMap<>();
    OWN.forEach(k -> detail.put(k, "own-" + k));
    // as long and odd as a hostile annotation can make a name
    KEYS.forEach(k -> detail.put(k, k + " \"\\\n\u2028é" + "x".repeat(10_000)));
    String message = "the whole story: " + detail;
    Verdict v = new Verdict(id.code(), List.of(new Reason(id, message, detail)));

    String wire = v.summary();

    assertThat(wire).startsWith("netplane: " + id.id()).hasSizeLessThanOrEqualTo(500);
    assertThat(wire.chars()).noneMatch(Character::isISOControl);
    assertThat(wire).doesNotContain("own-").doesNotContain("\\");
    assertThat(v.reasons().get(0).message()).isEqualTo(message);
  }

  @Test
  void plainNamesAreShownAsTheyAreAndLongOnesAreCut() {
    Reason r =
        Reason.builder(ReasonId.VSWITCHES_EXHAUSTED)
            .with("zone", ZONE_H)
            .with("network", "pn-" + "a".repeat(200))
            .with("freeIps", Map.of(VSW_H, 0L))
            .message("no free IPs");

    assertThat(Verdict.of(List.of(r)).summary())
        .isEqualTo(
            "netplane: VSwitchesExhausted zone=cn-hangzhou-h network=pn-"
                + "a".repeat(122)
                + "...");
  }

  @Test
  void nodesOfAZoneWithoutFreeIpsShareOneLine() {
    Decider decider =
        snapshot()
            .freeIps(VSW_H, 0)
            .node(node("small").maxAvailableIp(3), node("big").maxAvailableIp(30))
            .decider();
    PodView p = pod("p").build();

    assertShared(
        decider,
        p,
        List.of("small", "big"),
        "netplane: VSwitchesExhausted zone=cn-hangzhou-h network=\"eni-config eni-config\"");
    assertThat(reason(on(decider.decideAll(p), "big"), ReasonId.VSWITCHES_EXHAUSTED).message())
        .isEqualTo(
            "no free IPs in zone cn-hangzhou-h: vSwitches {vsw-h=0} of eni-config eni-config"
                + " (free IPs after in-flight reservations)");
  }

  @Test
  void nodesWithDifferentFreeSlotsShareOneLine() {
    Decider decider =
        snapshot()
            .trunking(true)
            .podNetworking(podNetworking("pn").vSwitches(VSW_H).selectPods("app", "web"))
            .node(node("one-slot").trunk().memberEni(1), node("no-slot").trunk().memberEni(0))
            .decider();
    PodView twoNetworks = pod("multi").podNetworks(networkSpec(VSW_H), networkSpec(VSW_H)).build();

    assertShared(
        decider,
        twoNetworks,
        List.of("one-slot", "no-slot"),
        "netplane: EniSlotsExhausted resource=aliyun/member-eni");
    Decision explain = decider.decideAll(twoNetworks);
    assertThat(reason(on(explain, "one-slot"), ReasonId.ENI_SLOTS_EXHAUSTED).message())
        .isEqualTo("aliyun/member-eni: 1 free, pod needs 2");
    assertThat(reason(on(explain, "no-slot"), ReasonId.ENI_SLOTS_EXHAUSTED).message())
        .isEqualTo("aliyun/member-eni: 0 free, pod needs 2");
  }

  @Test
  void nodesWithDifferentSharedIpCountsShareOneLine() {
    Decider decider =
        snapshot()
            .node(node("a").maxAvailableIp(1), node("b").maxAvailableIp(2))
            .pod(
                pod("a-0").deployment().runningOn("a"),
                pod("b-0").deployment().runningOn("b"),
                pod("b-1").deployment().runningOn("b"))
            .decider();
    PodView p = pod("p").build();

    assertShared(decider, p, List.of("a", "b"), "netplane: NodeIpCapacityExhausted");
    assertThat(reason(on(decider.decideAll(p), "b"), ReasonId.NODE_IP_CAPACITY_EXHAUSTED).message())
        .isEqualTo("shared ENIs hold 2 pod IPs and 2 are in use");
  }

  @Test
  void unknownNodesShareOneLineWithoutTheirNames() {
    Decider decider = snapshot().node(node("known")).decider();
    PodView p = pod("p").build();

    assertShared(decider, p, List.of("ghost-1", "ghost-2"), "netplane: NodeUnknown");
    Decision explain = decider.decide(p, List.of("ghost-1"), Purpose.EXPLAIN);
    assertThat(reason(on(explain, "ghost-1"), ReasonId.NODE_UNKNOWN).message())
        .isEqualTo("node ghost-1 is not in netplane's snapshot");
  }

  /** Every node in {@code nodes} is rejected with exactly {@code line} on the filter path. */
  private static void assertShared(Decider decider, PodView pod, List<String> nodes, String line) {
    Decision d = decider.decide(pod, nodes, Purpose.FILTER);
    List<String> lines = new ArrayList<>();
    d.nodes().forEach(n -> lines.add(n.verdict().summary()));
    assertThat(lines).hasSize(nodes.size()).containsOnly(line);
  }
}
