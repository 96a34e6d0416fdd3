package io.netplane.config.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Options of a CLI that a reference document does not name (as {@code `--option}). */
public final class OptionDocs {
  private OptionDocs() {}

  public static List<String> undocumented(CommandLine root, Path doc) throws IOException {
    String text = Files.readString(doc);
    return root.getSubcommands().values().stream()
        .flatMap(c -> c.getCommandSpec().options().stream())
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .map(OptionSpec::longestName)
        .distinct()
        .filter(name -> !text.contains("`" + name))
        .toList();
  }
}
