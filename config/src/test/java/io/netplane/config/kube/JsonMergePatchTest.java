package io.netplane.config.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7396, as Terway merges a terway-config override onto eni-config. */
class JsonMergePatchTest {
  static final ObjectMapper JSON = new ObjectMapper();

  record Vector(String name, String target, String patch, String result) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** RFC 7396 Appendix A, every example, in order. */
  static Stream<Vector> appendixA() {
    return Stream.of(
        new Vector("replace a member", "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        new Vector("add a member", "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        new Vector("null removes a member", "{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        new Vector(
            "null removes only that member",
            "{\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":null}",
            "{\"b\":\"c\"}"),
        new Vector(
            "array replaced by a string", "{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        new Vector(
            "string replaced by an array", "{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        new Vector(
            "nested objects merge",
            "{\"a\":{\"b\":\"c\"}}",
            "{\"a\":{\"b\":\"d\",\"c\":null}}",
            "{\"a\":{\"b\":\"d\"}}"),
        new Vector(
            "arrays are replaced, not merged",
            "{\"a\":[{\"b\":\"c\"}]}",
            "{\"a\":[1]}",
            "{\"a\":[1]}"),
        new Vector(
            "array patch replaces an array", "[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        new Vector("array patch replaces an object", "{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        new Vector("null patch replaces everything", "{\"a\":\"foo\"}", "null", "null"),
        new Vector("string patch replaces everything", "{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
        new Vector(
            "existing null in the target is kept",
            "{\"e\":null}",
            "{\"a\":1}",
            "{\"e\":null,\"a\":1}"),
        new Vector(
            "object patch on an array target",
            "[1,2]",
            "{\"a\":\"b\",\"c\":null}",
            "{\"a\":\"b\"}"),
        new Vector(
            "nulls deep in a new member are dropped",
            "{}",
            "{\"a\":{\"bb\":{\"ccc\":null}}}",
            "{\"a\":{\"bb\":{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appendixA")
  void appliesRfc7396AppendixA(Vector v) throws Exception {
    JsonNode target = JSON.readTree(v.target);
    JsonNode patch = JSON.readTree(v.patch);
    String targetBefore = target.toString();
    String patchBefore = patch.toString();

    JsonNode result = JsonMergePatch.apply(target, patch);

    assertThat(result).isEqualTo(JSON.readTree(v.result));
    assertThat(target.toString()).as("target untouched").isEqualTo(targetBefore);
    assertThat(patch.toString()).as("patch untouched").isEqualTo(patchBefore);
  }

  @Test
  void eniConfigOverrideMergesZonesReplacesListsDeletesNullsAndKeepsZeroValues() throws Exception {
    JsonNode base =
        JSON.readTree(
            """
            {"vswitches": {"cn-hangzhou-h": ["vsw-h"], "cn-hangzhou-i": ["vsw-i"]},
             "security_groups": ["sg-1", "sg-2"],
             "enable_eni_trunking": true,
             "max_eni": 5,
             "eni_tags": {"team": "infra"}}
            """);
    JsonNode override =
        JSON.readTree(
            """
            {"vswitches": {"cn-hangzhou-h": ["vsw-pool"]},
             "security_groups": ["sg-pool"],
             "enable_eni_trunking": false,
             "max_eni": 0,
             "eni_tags": null}
            """);

    JsonNode merged = JsonMergePatch.apply(base, override);

    assertThat(merged)
        .isEqualTo(
            JSON.readTree(
                """
                {"vswitches": {"cn-hangzhou-h": ["vsw-pool"], "cn-hangzhou-i": ["vsw-i"]},
                 "security_groups": ["sg-pool"],
                 "enable_eni_trunking": false,
                 "max_eni": 0}
                """));
  }

  @Test
  void missingBaseIsTreatedAsAnEmptyObject() throws Exception {
    JsonNode merged = JsonMergePatch.apply(null, JSON.readTree("{\"a\":{\"b\":null,\"c\":1}}"));

    assertThat(merged).isEqualTo(JSON.readTree("{\"a\":{\"c\":1}}"));
  }
}
