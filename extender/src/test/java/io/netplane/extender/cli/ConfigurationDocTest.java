package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The configuration reference names every option of every command, so it cannot fall behind. */
class ConfigurationDocTest {
  @Test
  void everyOptionIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    List<String> missing =
        Main.commandLine().getSubcommands().values().stream()
            .flatMap(c -> c.getCommandSpec().options().stream())
            .filter(o -> !o.usageHelp() && !o.versionHelp())
            .map(OptionSpec::longestName)
            .distinct()
            .filter(name -> !doc.contains("`" + name))
            .toList();
    assertThat(Main.commandLine().getSubcommands()).containsKeys("serve", "simulate", "explain", "lint");
    assertThat(missing).as("options missing from docs/configuration.md").isEmpty();
  }
}
