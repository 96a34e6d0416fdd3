package io.netplane.extender.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.rules.Decider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code NodeNames} array read in one pass from the bytes gives what the parser's reading of
 * the whole request gives: the same names, the same refusal, and malformed JSON reported at the
 * same line and column.
 */
class NameArrayScanTest {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String HEAD = "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":";
  private static final int MAX_NAMES = 5;
  private static final String[] ELEMENTS = {
    "\"node-a\"",
    "\"node-b\"",
    "\"x\"",
    "\"\"",
    "\"a\\\"b\"",
    "\"\\u0041z\"",
    "\"c\\\\\"",
    "\"\u00e9t\u00e9\"",
    "\"a\\/b\"",
    "1",
    "-2.5e3",
    "null",
    "true",
    "{}",
    "{\"a\":\"b\"}",
    "[]",
    "[\"x\"]",
    "\"\\x\"",
    "\"\\u12\"",
  };
  private static final String[] SPACES = {"", "", "", " ", "\n", "\t", "\r\n", "  \n "};
  private static final String[] TAILS = {
    "}",
    " }",
    "\n}",
    "}garbage",
    ",\"Nodes\":null}",
    ",\"x\":[1,{\"a\":\"b\"}]}",
    ",\"NodeNames\":[\"z\"]}",
    "",
    ",}",
    " \"x\":1}",
  };
  private static final String NOISE = "\"\\,:[]{} \n\tu1a\u00e9\u0001";

  static Stream<Arguments> arrays() {
    return Stream.of(
        Arguments.of("empty", "[]}"),
        Arguments.of("empty with spaces", "[ \n\t\r ]}"),
        Arguments.of("whitespace around everything", "[ \"a\" ,\n\t\"b\"\r\n] }"),
        Arguments.of("no whitespace", "[\"a\",\"b\",\"c\"]}"),
        Arguments.of("unterminated string", "[\"a}"),
        Arguments.of("unterminated string at the end", "[\"a"),
        Arguments.of("unterminated escape at the end", "[\"a\\"),
        Arguments.of("unterminated array", "[\"a\""),
        Arguments.of("unterminated after a comma", "[\"a\","),
        Arguments.of("no array close before the object's", "[\"a\"}"),
        Arguments.of("semicolon", "[\"a\";\"b\"]}"),
        Arguments.of("two commas", "[\"a\",,\"b\"]}"),
        Arguments.of("trailing comma", "[\"a\",]}"),
        Arguments.of("leading comma", "[,\"a\"]}"),
        Arguments.of("no comma", "[\"a\" \"b\"]}"),
        Arguments.of("colon", "[\"a\":\"b\"]}"),
        Arguments.of("nested array", "[\"a\",[\"b\"]]}"),
        Arguments.of("nested object", "[\"a\",{\"b\":1}]}"),
        Arguments.of("nested malformed", "[\"a\",{\"b\":}]}"),
        Arguments.of("null element", "[\"a\",null]}"),
        Arguments.of("number then malformed", "[1,]}"),
        Arguments.of("escapes", "[\"a\\\"b\",\"\\u0041\",\"c\\\\\",\"\\/\\b\\f\\n\\r\\t\"]}"),
        Arguments.of("bad escape", "[\"a\",\"\\x\"]}"),
        Arguments.of("short unicode escape", "[\"\\u12\"]}"),
        Arguments.of("non-ASCII", "[\"\u00e9t\u00e9\",\"\u65e5\"]}"),
        Arguments.of("raw control character", "[\"a\u0001b\"]}"),
        Arguments.of("raw tab in a name", "[\"a\tb\"]}"),
        Arguments.of("fields after the array", "[\"a\"],\"Nodes\":null}"),
        Arguments.of("malformed after the array", "[\"a\"],\"x\":[1,}"),
        Arguments.of("no comma after the array", "[\"a\"] \"x\":1}"),
        Arguments.of("object not closed", "[\"a\"]"),
        Arguments.of("content after the object", "[\"a\"]}{"),
        Arguments.of("a later NodeNames wins", "[\"a\"],\"nodenames\":[\"b\"]}"),
        Arguments.of("at the limit", "[\"1\",\"2\",\"3\",\"4\",\"5\"]}"),
        Arguments.of("over the limit", "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}"),
        Arguments.of("over the limit, then malformed", "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",]}"),
        Arguments.of("a number at the limit", "[\"1\",\"2\",\"3\",\"4\",\"5\",6]}"),
        Arguments.of("a number, then over the limit", "[1,\"2\",\"3\",\"4\",\"5\",\"6\"]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void readsAsTheParserReads(String name, String array) {
    byte[] body = (HEAD + array).getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(body)).isEqualTo(expected(body));
  }

  @Test
  void randomAndMutatedArraysReadAsTheParserReadsThem() {
    SplittableRandom random = new SplittableRandom(20261207);
    int refused = 0;
    int malformed = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] body = randomBody(random);
      String expected = expected(body);
      assertThat(outcome(body)).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
      refused += expected.startsWith("refused") ? 1 : 0;
      malformed += expected.startsWith("refused: malformed") ? 1 : 0;
    }
    // the generator reaches each kind of answer often
    assertThat(malformed).isBetween(2_000, 18_000);
    assertThat(refused - malformed).isGreaterThan(1_000);
  }

  @Test
  void namesTheSnapshotKnowsAreItsOwnStringsWhereverTheyStand() {
    Decider decider =
        Fixtures.decider(
            Fixtures.snapshot()
                .node(Fixtures.node("node-a"), Fixtures.node("x"), Fixtures.node("\u00e9t\u00e9"))
                .build());
    Map<String, String> own = new HashMap<>();
    for (int slot = 0; slot < decider.nodeCount(); slot++) {
      own.put(decider.nodeName(slot), decider.nodeName(slot));
    }
    ServedSnapshot served = ServedSnapshot.of(decider);
    SplittableRandom random = new SplittableRandom(7);
    int known = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] body = randomBody(random);
      String expected = expected(body);
      if (expected.startsWith("refused")) {
        continue;
      }
      List<String> names = RequestDecoder.filterArgs(body, served, MAX_NAMES).nodeNames();
      assertThat("names: " + names).isEqualTo(expected);
      for (String name : names) {
        if (own.containsKey(name)) {
          assertThat(name).isSameAs(own.get(name));
          known++;
        }
      }
    }
    assertThat(known).isGreaterThan(150);
  }

  private static byte[] randomBody(SplittableRandom random) {
    StringBuilder array = new StringBuilder("[");
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      array.append(i == 0 ? "" : ",").append(pick(random, SPACES));
      array.append(pick(random, ELEMENTS)).append(pick(random, SPACES));
    }
    array.append(']').append(pick(random, TAILS));
    // mutations only from the array on, so that the pod before it stays whole
    for (int m = random.nextInt(3); m > 0 && array.length() > 0; m--) {
      int at = random.nextInt(array.length());
      switch (random.nextInt(3)) {
        case 0 -> array.deleteCharAt(at);
        case 1 -> array.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        default -> array.setLength(at);
      }
    }
    return (HEAD + array).getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(SplittableRandom random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** What {@link ArgsReader} makes of the body: the names, or why it refused them. */
  private static String outcome(byte[] body) {
    try {
      return "names: "
          + RequestDecoder.filterArgs(body, RequestDecoderTest.NO_NODES, MAX_NAMES).nodeNames();
    } catch (BadRequestException e) {
      String message = e.getMessage();
      return "refused: " + (message.startsWith("malformed") ? location(message) : message);
    }
  }

  /** A malformed-JSON message up to its location, the part the parser's own reading pins. */
  private static String location(String message) {
    return message.substring(0, message.indexOf(':'));
  }

  /**
   * What the parser's reading of the request gives, token by token: each {@code NodeNames} array
   * read to its end before its elements are judged (a later one wins), the first element that is
   * not a string or goes over the limit refused, malformed JSON anywhere before the object's end
   * refused with the parser's location.
   */
  private static String expected(byte[] body) {
    try (JsonParser p = FACTORY.createParser(body)) {
      p.nextToken();
      List<String> names = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean nodeNames = p.currentName().equalsIgnoreCase("NodeNames");
        JsonToken value = p.nextToken();
        if (!nodeNames || value == JsonToken.VALUE_NULL) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          return "refused: ExtenderArgs.NodeNames must be an array of strings";
        }
        names = new ArrayList<>();
        String problem = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (problem == null && t != JsonToken.VALUE_STRING) {
            problem = "ExtenderArgs.NodeNames must be an array of strings";
          } else if (problem == null && names.size() == MAX_NAMES) {
            problem =
                "ExtenderArgs.NodeNames lists more than "
                    + MAX_NAMES
                    + " nodes, the most a request may name";
          } else if (problem == null) {
            names.add(p.getText());
          }
          p.skipChildren();
        }
        if (problem != null) {
          return "refused: " + problem;
        }
      }
      return names == null
          ? "refused: ExtenderArgs needs NodeNames (nodeCacheCapable) or Nodes"
          : "names: " + names;
    } catch (JsonProcessingException e) {
      return "refused: malformed JSON at line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
