package io.netplane.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlScalarsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "yes|true",
        "On|true",
        "TRUE|true",
        "no|false",
        "off|false",
        "False|false",
        "12|12",
        "-12|-12",
        "+5|5",
        "012|10",
        "0x1F|31",
        "0b101|5",
        "1_000|1000"
      })
  void booleansAndIntegersAsYaml11(String plain, String json) {
    JsonNode expected =
        json.equals("true") || json.equals("false")
            ? NODES.booleanNode(Boolean.parseBoolean(json))
            : NODES.numberNode(Integer.parseInt(json));
    assertThat(YamlScalars.resolve(plain)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "y",
        "n",
        "N",
        "09",
        "0o17",
        "1:20",
        "2025-06-01",
        "10.0.0.0/20",
        "cn-hangzhou-h",
        "1.2.3",
        "-",
        "."
      })
  void everythingElseIsText(String plain) {
    assertThat(YamlScalars.resolve(plain)).isEqualTo(NODES.textNode(plain));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "~", "null", "Null", "NULL"})
  void nulls(String plain) {
    assertThat(YamlScalars.resolve(plain).isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0.5,0.5",
    ".5,0.5",
    "1e3,1000.0",
    "-1.5E-1,-0.15",
    ".inf,Infinity",
    "-.Inf,-Infinity"
  })
  void floats(String plain, double value) {
    assertThat(YamlScalars.resolve(plain).doubleValue()).isEqualTo(value);
  }

  @org.junit.jupiter.api.Test
  void largeIntegersKeepEveryDigit() {
    assertThat(YamlScalars.resolve("99999999999999999999"))
        .isEqualTo(NODES.numberNode(new BigInteger("99999999999999999999")));
    assertThat(YamlScalars.resolve("4294967296")).isEqualTo(NODES.numberNode(4294967296L));
    assertThat(YamlScalars.resolve(".nan").doubleValue()).isNaN();
  }
}
