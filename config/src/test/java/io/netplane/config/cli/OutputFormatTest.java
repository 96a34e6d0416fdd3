package io.netplane.config.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Strings a careless YAML writer would let read back as numbers, booleans, nulls or maps. */
  static JsonNode awkwardTree() {
    ObjectNode o = JSON.createObjectNode();
    o.put("number", "10")
        .put("float", "1.5")
        .put("exponent", "1e3")
        .put("octal", "0o17")
        .put("hex", "0x1F")
        .put("bool", "true")
        .put("yes", "yes")
        .put("off", "off")
        .put("null", "null")
        .put("tilde", "~")
        .put("empty", "")
        .put("colon", "a: b")
        .put("json", "{\"vswitches\":{\"cn-hangzhou-h\":[\"vsw-1\"]}}")
        .put("hash", "# not a comment")
        .put("lines", "one\ntwo")
        .put("padded", " x ")
        .put("cidr", "10.1.0.0/24")
        .put("time", "12:30:00")
        .put("realNumber", 42)
        .put("realBool", false)
        .putNull("realNull");
    o.putArray("list").add("-").add("- item").add("*").add("&anchor");
    o.putObject("nested").putArray("empty");
    return o;
  }

  @Test
  void yamlReadsBackAsTheTreeJsonHolds() throws Exception {
    JsonNode tree = awkwardTree();
    JsonNode fromJson = JSON.readTree(OutputFormat.json.write(tree));
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(OutputFormat.yaml.write(tree));
    assertThat(fromJson).isEqualTo(tree);
    assertThat(fromYaml).isEqualTo(fromJson);
  }

  @Test
  void yamlLooksLikeKubectlsAndJsonIsIndented() {
    assertThat(OutputFormat.yaml.write(JSON.createObjectNode().put("pool", "db")))
        .isEqualTo("pool: db\n");
    assertThat(OutputFormat.json.write(JSON.createObjectNode().put("pool", "db")))
        .isEqualTo("{\n  \"pool\" : \"db\"\n}\n");
  }

  @Test
  void aLongStringStaysOnOneLine() {
    String message = "word ".repeat(40).trim();
    assertThat(OutputFormat.yaml.write(JSON.createObjectNode().put("message", message)))
        .isEqualTo("message: " + message + "\n");
  }

  @Test
  void onlyJsonAndYamlAreStructuredAndTablesAreTheCommandsToRender() {
    assertThat(OutputFormat.json.structured()).isTrue();
    assertThat(OutputFormat.yaml.structured()).isTrue();
    assertThat(OutputFormat.table.structured()).isFalse();
    assertThat(OutputFormat.wide.structured()).isFalse();
    assertThatThrownBy(() -> OutputFormat.wide.write(JSON.createObjectNode()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shortenCutsLongTextWithAnEllipsisOnly() {
    assertThat(TextTable.shorten("short", 10)).isEqualTo("short");
    assertThat(TextTable.shorten("0123456789", 10)).isEqualTo("0123456789");
    assertThat(TextTable.shorten("0123456789ab", 10)).isEqualTo("0123456...").hasSize(10);
  }
}
