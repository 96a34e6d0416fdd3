package io.netplane.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs every command of a program with {@code --help} and with an unknown flag, and checks the
 * conventions of {@link CliConventions}: help on stdout with exit 0; an unknown flag is exit 2 with
 * one {@code error:} line and where the usage is, not the usage itself.
 */
public final class CliConventionCheck {
  private CliConventionCheck() {}

  /**
   * @param program a fresh command line of the program per call (commands keep parsed state)
   */
  public static void check(Supplier<CommandLine> program) {
    List<List<String>> paths = new ArrayList<>();
    collect(program.get(), new ArrayList<>(), paths);
    assertThat(paths).as("commands").hasSizeGreaterThan(1);
    for (List<String> path : paths) {
      Run help = run(program.get(), path, "--help");
      assertThat(help.code).as("%s --help", path).isZero();
      assertThat(help.out).as("%s --help", path).contains("Usage:").contains("--log-level");
      assertThat(help.err).as("%s --help", path).isEmpty();

      Run bad = run(program.get(), path, "--no-such-flag");
      String name = String.join(" ", path);
      assertThat(bad.code).as("%s --no-such-flag", path).isEqualTo(CliConventions.USAGE);
      assertThat(bad.err)
          .as("%s --no-such-flag", path)
          .startsWith("error: ")
          .contains("See '" + name + " --help' for usage.")
          .doesNotContain("Usage:");
      assertThat(bad.err.lines().count())
          .as("%s --no-such-flag: short", path)
          .isLessThanOrEqualTo(2);
    }
  }

  private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
    List<String> path = new ArrayList<>(prefix);
    path.add(cl.getCommandName());
    out.add(path);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, path, out));
  }

  private record Run(int code, String out, String err) {}

  private static Run run(CommandLine root, List<String> path, String flag) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(path.subList(1, path.size()));
    args.add(flag);
    int code = root.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
