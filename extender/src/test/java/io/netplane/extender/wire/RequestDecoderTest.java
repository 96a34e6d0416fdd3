package io.netplane.extender.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.extender.TestData;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestDecoderTest {
  /** A snapshot without nodes: every name of a request is one it does not know. */
  static final ServedSnapshot NO_NODES = ServedSnapshot.of(Fixtures.snapshot().decider());

  @Test
  void parsesRequestExactlyAsKubeSchedulerSendsIt() {
    ExtenderArgs args = parse(TestData.bytes("wire/filter-request-kube-scheduler.json"));
    assertThat(args.nodesMode()).isFalse();
    assertThat(args.nodeNames()).containsExactly("node-h1", "node-i1", "node-j1", "ghost");
    assertThat(args.pod().path("metadata").path("name").asText()).isEqualTo("web-0");
  }

  @Test
  void parsesLowerCaseKeysLikeGosDecoder() {
    ExtenderArgs args = parse(TestData.bytes("wire/filter-request-lowercase.json"));
    assertThat(args.nodeNames()).containsExactly("node-h1", "node-h2", "node-i1");
  }

  @Test
  void parsesNodesModeAndKeepsTheNodeObjects() {
    ExtenderArgs args = parse(TestData.bytes("wire/filter-request-nodes-mode.json"));
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
        RequestDecoder.filterArgs(
            ("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\""
                    + escaped
                    + "\",\""
                    + second
                    + "\",\"ghost\"]}")
                .getBytes(StandardCharsets.UTF_8),
            ServedSnapshot.of(decider),
            RequestDecoder.maxNames(decider.nodeCount()));
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
    assertThatThrownBy(
            () -> RequestDecoder.filterArgs(body, NO_NODES, RequestDecoder.MIN_NAMES_LIMIT))
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

  static ExtenderArgs parse(String body) {
    return parse(body.getBytes(StandardCharsets.UTF_8));
  }

  static ExtenderArgs parse(byte[] body) {
    return RequestDecoder.filterArgs(body, NO_NODES, RequestDecoder.MIN_NAMES_LIMIT);
  }
}
