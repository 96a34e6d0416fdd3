package io.netplane.config.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * {@code -o} values of every command that prints objects, as kubectl spells them: {@code table} for
 * people, {@code wide} for a table with more columns, {@code json} and {@code yaml} for scripts,
 * both holding the same tree.
 */
public enum OutputFormat {
  table,
  wide,
  json,
  yaml;

  /** The usage text of an {@code -o} option. */
  public static final String DESCRIPTION =
      "Output format: table, wide (more columns), json or yaml. Default: ${DEFAULT-VALUE}.";

  private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();
  private static final ObjectWriter YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  // like kubectl: no document marker, long strings on one line; quotes only where
                  // YAML needs them and on
                  // strings that would read back as numbers, so the tree stays the same
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .writer();

  /** Whether this is a machine-readable format ({@code json} or {@code yaml}). */
  public boolean structured() {
    return this == json || this == yaml;
  }

  /**
   * {@code tree} (a Jackson tree, a record, a map...) in this format, ending with a newline.
   *
   * @throws IllegalStateException for {@code table} and {@code wide}, which each command renders
   */
  public String write(Object tree) {
    try {
      return switch (this) {
        case json -> JSON.writeValueAsString(tree) + "\n";
        case yaml -> YAML.writeValueAsString(tree);
        case table, wide ->
            throw new IllegalStateException("-o " + this + " is rendered by the command");
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + this, e);
    }
  }
}
