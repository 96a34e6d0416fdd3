package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.docs.OptionDocs;
import io.netplane.extender.kubectl.KubectlNetplane;
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

  @Test
  void everyOptionOfTheKubectlPluginIsDocumented() throws Exception {
    assertThat(KubectlNetplane.commandLine().getSubcommands())
        .containsKeys("why-pending", "explain", "status", "simulate", "lint");
    assertThat(
            OptionDocs.undocumented(
                KubectlNetplane.commandLine(), Path.of("../docs/configuration.md")))
        .as("kubectl netplane options missing from docs/configuration.md")
        .isEmpty();
  }
}
