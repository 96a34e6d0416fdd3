package io.netplane.extender.wire;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ServedSnapshot NO_NODES = RequestDecoderTest.NO_NODES;

  @Test
  void aNodesModeItemIsNamedByItsMetadataNameOnly() throws Exception {
    String item =
        "{\"status\":{\"name\":\"no\"},\"metadata\":{\"labels\":{\"name\":\"no\"},\"name\":\"yes\"}}";
    ExtenderArgs args =
        parse("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":[" + item + "]}}");
    assertThat(args.nodeNames()).containsExactly("yes");
    JsonNode out =
        JSON.readTree(
            AnswerEncoder.filterResult(
                    args,
                    NodeVerdicts.of(List.of(new NodeDecision("yes", "z", Verdict.FIT, 0))),
                    NO_NODES)
                .getBytes());
    assertThat(out.get("Nodes").get("items").get(0)).isEqualTo(JSON.readTree(item));
  }

  @Test
  void aNodesModeAnswerKeepsEachFitItemAsSentAndNamesTheRejectedOnes() throws Exception {
    String a = "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"x\":[1,2]}}";
    String b = "{\"metadata\":{\"name\":\"b\"}}";
    String c = "{\"metadata\":{\"name\":\"c\",\"labels\":{\"k\":\"v\"}}}";
    ExtenderArgs args =
        parse(
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":["
                + String.join(",", a, b, c)
                + "]}}");
    Verdict full =
        new Verdict(Code.UNSCHEDULABLE, List.of(Reason.of(ReasonId.VSWITCHES_EXHAUSTED, "x")));
    JsonNode out =
        JSON.readTree(
            AnswerEncoder.filterResult(
                    args,
                    NodeVerdicts.of(
                        List.of("a", "b", "c"),
                        List.of(Verdict.FIT, full, Verdict.FIT),
                        new int[3]),
                    NO_NODES)
                .getBytes());

    assertThat(out.get("Nodes").get("items")).containsExactly(JSON.readTree(a), JSON.readTree(c));
    assertThat(out.get("FailedNodes").toString())
        .isEqualTo("{\"b\":\"netplane: VSwitchesExhausted\"}");
  }

  @Test
  void prioritiesAreABareArrayOfIntegerScoresWithinZeroToTen() throws Exception {
    List<NodeDecision> decisions =
        List.of(
            new NodeDecision("a", "z", Verdict.FIT, 7),
            new NodeDecision("b", "z", Verdict.FIT, 42),
            new NodeDecision("c", "z", Verdict.FIT, -3));
    JsonNode out =
        JSON.readTree(AnswerEncoder.priorities(NodeVerdicts.of(decisions), NO_NODES).getBytes());
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
        JSON.readTree(
            AnswerEncoder.filterResult(args, NodeVerdicts.of(decisions), NO_NODES).getBytes());
    assertThat(out.toString())
        .isEqualTo(
            "{\"Nodes\":null,\"NodeNames\":[\"fit\"],\"FailedNodes\":{\"full\":\"netplane: VSwitchesExhausted\"},"
                + "\"FailedAndUnresolvableNodes\":{\"far\":\"netplane: ZoneMismatch\"},\"Error\":\"\"}");
  }

  @Test
  void namesEncodedOncePerSnapshotGiveTheSameAnswersAsNamesEncodedPerRequest() {
    ClusterSnapshot snapshot = Fixtures.largeCluster(60, 5, 12, 200, 7);
    Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    ServedSnapshot served = ServedSnapshot.of(decider);
    List<String> names = new ArrayList<>(snapshot.nodes().keySet());
    names.add(1, "not-in-the-snapshot");
    ExtenderArgs args = new ExtenderArgs(JSON.createObjectNode(), names, null);
    for (PodView pod : snapshot.pods().subList(0, 40)) {
      Decision filter = decider.decide(pod, names, Purpose.FILTER);
      Decision prioritize = decider.decide(pod, names, Purpose.PRIORITIZE);
      assertThat(filter.verdicts().slot(1)).isEqualTo(-1);
      assertThat(AnswerEncoder.filterResult(args, filter.verdicts(), served).toString())
          .isEqualTo(
              AnswerEncoder.filterResult(args, NodeVerdicts.of(filter.nodes()), served).toString());
      assertThat(AnswerEncoder.priorities(prioritize.verdicts(), served).toString())
          .isEqualTo(
              AnswerEncoder.priorities(NodeVerdicts.of(prioritize.nodes()), served).toString());
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
        JSON.readTree(
            AnswerEncoder.filterResult(args, NodeVerdicts.of(decisions), NO_NODES).getBytes());
    assertThat(out.get("FailedAndUnresolvableNodes").get(name).asText())
        .isEqualTo("netplane: ZoneMismatch zone=\"é x\"");
    assertThat(
            JSON.readTree(AnswerEncoder.priorities(NodeVerdicts.of(decisions), NO_NODES).getBytes())
                .get(0)
                .get("Host")
                .asText())
        .isEqualTo(name);
  }

  @Test
  void internalErrorsTravelInTheErrorField() throws Exception {
    JsonNode out = JSON.readTree(AnswerEncoder.filterError("boom"));
    assertThat(out.get("Error").asText()).isEqualTo("boom");
    assertThat(out.get("NodeNames").isNull()).isTrue();
  }

  private static ExtenderArgs parse(String body) {
    return RequestDecoderTest.parse(body);
  }
}
