package io.netplane.extender.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.NodeVerdicts;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.Reason;
import io.netplane.config.rules.ReasonId;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.config.rules.Verdict;
import io.netplane.extender.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesRequestExactlyAsKubeSchedulerSendsIt() {
    ExtenderArgs args =
        WireCodec.parseArgs(
            TestData.bytes("wire/filter-request-kube-scheduler.json"), WireCodec.MIN_NAMES_LIMIT);
    assertThat(args.nodesMode()).isFalse();
    assertThat(args.nodeNames()).containsExactly("node-h1", "node-i1", "node-j1", "ghost");
    assertThat(args.pod().path("metadata").path("name").asText()).isEqualTo("web-0");
  }

  @Test
  void parsesLowerCaseKeysLikeGosDecoder() {
    ExtenderArgs args =
        WireCodec.parseArgs(
            TestData.bytes("wire/filter-request-lowercase.json"), WireCodec.MIN_NAMES_LIMIT);
    assertThat(args.nodeNames()).containsExactly("node-h1", "node-h2", "node-i1");
  }

  @Test
  void parsesNodesModeAndKeepsTheNodeObjects() {
    ExtenderArgs args =
        WireCodec.parseArgs(
            TestData.bytes("wire/filter-request-nodes-mode.json"), WireCodec.MIN_NAMES_LIMIT);
    assertThat(args.nodesMode()).isTrue();
    assertThat(args.nodeNames()).containsExactly("node-h1", "node-i1");
    assertThat(args.nodeItems().size()).isEqualTo(2);
  }

  @Test
  void namesTheSnapshotKnowsAreItsOwnStringsEvenWhenEscaped() {
    Decider decider = new Decider(Fixtures.largeCluster(60, 5, 12, 200, 7), ScoringStrategy.SPREAD);
    String first = decider.nodeName(0);
    String second = decider.nodeName(1);
    String escaped = String.format("\\u%04x", (int) first.charAt(0)) + first.substring(1);
    ExtenderArgs args =
        WireCodec.parseArgs(
            ("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\""
                    + escaped
                    + "\",\""
                    + second
                    + "\",\"ghost\"]}")
                .getBytes(StandardCharsets.UTF_8),
            decider);
    assertThat(args.nodeNames()).containsExactly(first, second, "ghost");
    assertThat(args.nodeNames().get(0)).isSameAs(first);
    assertThat(args.nodeNames().get(1)).isSameAs(second);
  }

  @Test
  void namesWithEscapesOrBeyondAsciiAreDecodedWhereverTheyStand() {
    ExtenderArgs args =
        parse(
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[ \"a\\\"b\" ,\n\t\"\u00e9t\u00e9\",\"c\\\\\",\"\\u0064\"\r\n]}");
    assertThat(args.nodeNames()).containsExactly("a\"b", "\u00e9t\u00e9", "c\\", "d");
  }

  @Test
  void invalidUtf8InANameIsABadRequest() {
    byte[] body =
        "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"a?\"]}"
            .getBytes(StandardCharsets.UTF_8);
    body[body.length - 4] = (byte) 0xC3;
    assertThatThrownBy(() -> WireCodec.parseArgs(body, WireCodec.MIN_NAMES_LIMIT))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void keysMatchInAnyCaseAndALaterDuplicateWinsAsInGo() {
    ExtenderArgs args =
        parse(
            "{\"nodenames\":[\"a\"],\"POD\":{\"metadata\":{\"name\":\"p\"}},\"NODENAMES\":[\"b\"],\"extra\":{\"x\":[1,{}]}}");
    assertThat(args.nodeNames()).containsExactly("b");
    assertThat(args.pod().path("metadata").path("name").asText()).isEqualTo("p");
  }

  @Test
  void aNodesModeItemIsNamedByItsMetadataNameOnly() throws Exception {
    String item =
        "{\"status\":{\"name\":\"no\"},\"metadata\":{\"labels\":{\"name\":\"no\"},\"name\":\"yes\"}}";
    ExtenderArgs args =
        parse("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":[" + item + "]}}");
    assertThat(args.nodeNames()).containsExactly("yes");
    JsonNode out =
        JSON.readTree(
            WireCodec.filterResult(
                    args, NodeVerdicts.of(List.of(new NodeDecision("yes", "z", Verdict.FIT, 0))))
                .getBytes());
    assertThat(out.get("Nodes").get("items").get(0)).isEqualTo(JSON.readTree(item));
  }

  @Test
  void emptyNodeNamesIsAValidRequest() {
    ExtenderArgs args = parse("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[]}");
    assertThat(args.nodeNames()).isEmpty();
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("empty", "", "empty request body"),
        Arguments.of("truncated JSON", "{\"Pod\":", "malformed JSON at line 1"),
        Arguments.of("not an object", "[1,2]", "must be a JSON object"),
        Arguments.of("no pod", "{\"NodeNames\":[\"a\"]}", "Pod is missing"),
        Arguments.of("null pod", "{\"Pod\":null,\"NodeNames\":[\"a\"]}", "Pod is missing"),
        Arguments.of(
            "pod without name",
            "{\"Pod\":{\"metadata\":{}},\"NodeNames\":[\"a\"]}",
            "metadata.name"),
        Arguments.of(
            "node names not strings",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[1]}",
            "array of strings"),
        Arguments.of(
            "a number among names",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"a\", 1]}",
            "array of strings"),
        Arguments.of(
            "names without a comma",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"a\" \"b\"]}",
            "malformed JSON"),
        Arguments.of(
            "a leading comma",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[,\"a\"]}",
            "malformed JSON"),
        Arguments.of(
            "a raw line break in a name",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"a\nb\"]}",
            "malformed JSON"),
        Arguments.of(
            "neither nodes nor names",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":null,\"NodeNames\":null}",
            "needs NodeNames"),
        Arguments.of(
            "node without name",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":[{}]}}",
            "no metadata.name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void rejectsBadBodiesWithAClearMessage(String name, String body, String expected) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void prioritiesAreABareArrayOfIntegerScoresWithinZeroToTen() throws Exception {
    List<NodeDecision> decisions =
        List.of(
            new NodeDecision("a", "z", Verdict.FIT, 7),
            new NodeDecision("b", "z", Verdict.FIT, 42),
            new NodeDecision("c", "z", Verdict.FIT, -3));
    JsonNode out = JSON.readTree(WireCodec.priorities(NodeVerdicts.of(decisions)).getBytes());
    assertThat(out.toString())
        .isEqualTo(
            "[{\"Host\":\"a\",\"Score\":7},{\"Host\":\"b\",\"Score\":10},{\"Host\":\"c\",\"Score\":0}]");
    assertThat(out.get(0).get("Score").isIntegralNumber()).isTrue();
  }

  @Test
  void filterResultSplitsFailedFromUnresolvableAndDropsNoNode() throws Exception {
    Reason zone = Reason.of(ReasonId.ZONE_MISMATCH, "wrong zone");
    Reason ips = Reason.of(ReasonId.VSWITCHES_EXHAUSTED, "no IPs");
    List<NodeDecision> decisions =
        List.of(
            new NodeDecision("fit", "z", Verdict.FIT, 5),
            new NodeDecision("far", "z", new Verdict(Code.UNRESOLVABLE, List.of(zone)), 0),
            new NodeDecision("full", "z", new Verdict(Code.UNSCHEDULABLE, List.of(ips)), 0));
    ExtenderArgs args =
        parse("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"fit\",\"far\",\"full\"]}");
    JsonNode out =
        JSON.readTree(WireCodec.filterResult(args, NodeVerdicts.of(decisions)).getBytes());
    assertThat(out.toString())
        .isEqualTo(
            "{\"Nodes\":null,\"NodeNames\":[\"fit\"],\"FailedNodes\":{\"full\":\"netplane: VSwitchesExhausted\"},"
                + "\"FailedAndUnresolvableNodes\":{\"far\":\"netplane: ZoneMismatch\"},\"Error\":\"\"}");
  }

  @Test
  void namesEncodedOncePerSnapshotGiveTheSameAnswersAsNamesEncodedPerRequest() {
    ClusterSnapshot snapshot = Fixtures.largeCluster(60, 5, 12, 200, 7);
    Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    List<String> names = new ArrayList<>(snapshot.nodes().keySet());
    names.add(1, "not-in-the-snapshot");
    ExtenderArgs args = new ExtenderArgs(JSON.createObjectNode(), names, null);
    for (PodView pod : snapshot.pods().subList(0, 40)) {
      Decision filter = decider.decide(pod, names, Purpose.FILTER);
      Decision prioritize = decider.decide(pod, names, Purpose.PRIORITIZE);
      assertThat(filter.verdicts().slot(1)).isEqualTo(-1);
      assertThat(WireCodec.filterResult(args, filter).toString())
          .isEqualTo(WireCodec.filterResult(args, NodeVerdicts.of(filter.nodes())).toString());
      assertThat(WireCodec.priorities(prioritize).toString())
          .isEqualTo(WireCodec.priorities(NodeVerdicts.of(prioritize.nodes())).toString());
    }
  }

  @Test
  void namesAndMessagesThatNeedEscapingAreEscaped() throws Exception {
    String name = "odd \"node\" \\ é\u0001";
    Reason reason = Reason.builder(ReasonId.ZONE_MISMATCH).with("zone", "é x").message("x");
    List<NodeDecision> decisions =
        List.of(new NodeDecision(name, "z", new Verdict(Code.UNRESOLVABLE, List.of(reason)), 0));
    ExtenderArgs args = new ExtenderArgs(JSON.createObjectNode(), List.of(name), null);
    JsonNode out =
        JSON.readTree(WireCodec.filterResult(args, NodeVerdicts.of(decisions)).getBytes());
    assertThat(out.get("FailedAndUnresolvableNodes").get(name).asText())
        .isEqualTo("netplane: ZoneMismatch zone=\"é x\"");
    assertThat(
            JSON.readTree(WireCodec.priorities(NodeVerdicts.of(decisions)).getBytes())
                .get(0)
                .get("Host")
                .asText())
        .isEqualTo(name);
  }

  @Test
  void internalErrorsTravelInTheErrorField() throws Exception {
    JsonNode out = JSON.readTree(WireCodec.filterError("boom"));
    assertThat(out.get("Error").asText()).isEqualTo("boom");
    assertThat(out.get("NodeNames").isNull()).isTrue();
  }

  private static ExtenderArgs parse(String body) {
    return WireCodec.parseArgs(body.getBytes(StandardCharsets.UTF_8), WireCodec.MIN_NAMES_LIMIT);
  }
}
