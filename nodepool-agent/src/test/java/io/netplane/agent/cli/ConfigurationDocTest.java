package io.netplane.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.docs.OptionDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The configuration reference names every option of every command, so it cannot fall behind. */
class ConfigurationDocTest {
  @Test
  void everyOptionIsDocumented() throws Exception {
    CommandLine cli = Main.commandLine(Connections.REAL);
    assertThat(cli.getSubcommands()).containsKeys("plan", "apply", "delete", "cidrs", "run");
    assertThat(OptionDocs.undocumented(cli, Path.of("../docs/configuration.md")))
        .as("options missing from docs/configuration.md")
        .isEmpty();
  }
}
