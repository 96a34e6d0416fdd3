package io.netplane.extender.cli;

import io.netplane.config.load.SnapshotLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netplane-extender}: the kube-scheduler extender and its offline tools. */
@Command(
    name = "netplane-extender",
    mixinStandardHelpOptions = true,
    version = "netplane-extender 0.1.0",
    description = "Terway-aware kube-scheduler extender: filters and scores nodes by vSwitch zone, free IPs and ENI support.",
    subcommands = {ServeCommand.class, SimulateCommand.class, ExplainCommand.class, LintCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof SnapshotLoadException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cl;
  }
}
