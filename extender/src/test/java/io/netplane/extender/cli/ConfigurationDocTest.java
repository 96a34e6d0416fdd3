package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.docs.OptionDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference names every option of every command, so it cannot fall behind. */
class ConfigurationDocTest {
  @Test
  void everyOptionIsDocumented() throws Exception {
    assertThat(Main.commandLine().getSubcommands())
        .containsKeys("serve", "simulate", "explain", "lint", "webhook");
    assertThat(OptionDocs.undocumented(Main.commandLine(), Path.of("../docs/configuration.md")))
        .as("options missing from docs/configuration.md")
        .isEmpty();
  }
}
