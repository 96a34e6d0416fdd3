package io.netplane.config.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/scheduling.md's lint table lists exactly the checks there are. */
class LintIdDocTest {
  @Test
  void theLintTableNamesEveryIdAndNoOther() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "scheduling.md"));
    String table =
        doc.substring(
            doc.indexOf("## 6. Lint checks"),
            doc.indexOf("\n## ", doc.indexOf("## 6. Lint checks") + 1));
    Matcher m = Pattern.compile("^\\| `([A-Za-z]+)` \\|", Pattern.MULTILINE).matcher(table);
    List<String> documented = new ArrayList<>();
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(LintId.values()).map(LintId::id).toList());
  }
}
