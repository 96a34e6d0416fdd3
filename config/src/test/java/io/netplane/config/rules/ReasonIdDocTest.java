package io.netplane.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/scheduling.md's reason catalogue lists exactly the reason ids there are, each as it acts.
 */
class ReasonIdDocTest {
  private static final String SECTION = "## 5. Reason catalogue";

  @Test
  void theReasonCatalogueNamesEveryIdWithItsVerdictAndNoOther() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "scheduling.md"));
    int start = doc.indexOf(SECTION);
    assertThat(start).as("the section %s", SECTION).isNotNegative();
    String table = doc.substring(start, doc.indexOf("\n## ", start + 1));
    Matcher row =
        Pattern.compile("^\\| `([A-Za-z]+)` \\| ([a-zA-Z]+) \\|", Pattern.MULTILINE).matcher(table);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }
    assertThat(documented)
        .containsExactlyInAnyOrderEntriesOf(
            Arrays.stream(ReasonId.values())
                .collect(
                    Collectors.toMap(
                        ReasonId::id, id -> id.rejects() ? id.code().name() : "note")));
  }
}
