package io.netplane.extender.cli;

import io.netplane.config.cli.CliConventions;
import io.netplane.config.cli.LogOptions;
import io.netplane.config.load.SnapshotLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code netplane-extender}: the kube-scheduler extender and its offline tools. */
@Command(
    name = "netplane-extender",
    mixinStandardHelpOptions = true,
    version = "netplane-extender 0.1.0",
    description = {
      "Terway-aware kube-scheduler extender: filters and scores nodes by vSwitch zone, free IPs and ENI support.",
      "`netplane-extender kubectl ...` runs the kubectl plugin (`kubectl netplane --help`)."
    },
    subcommands = {
      ServeCommand.class,
      SimulateCommand.class,
      ExplainCommand.class,
      LintCommand.class,
      WebhookCommand.class
    })
public final class Main {
  @Mixin LogOptions logOptions;

  /**
   * Runs the command line; the jar's entry point is {@code io.netplane.extender.NetplaneExtender}.
   */
  public static int run(String... args) {
    CommandLine cl = commandLine();
    String[] expanded;
    try {
      expanded = ConfigFile.expand(args, "serve", Main::serveCommandLine);
    } catch (IllegalArgumentException e) {
      cl.getErr().println("error: " + e.getMessage());
      return CliConventions.USAGE;
    }
    return cl.execute(expanded);
  }

  /** A stand-alone {@code serve} command line, parsing like the one inside {@link #commandLine}. */
  static CommandLine serveCommandLine() {
    CommandLine serve = new CommandLine(new ServeCommand());
    // inherited from the top command in the real one, so a config file may set them too
    serve.addMixin("log", new LogOptions());
    return CliConventions.apply(serve);
  }

  static CommandLine commandLine() {
    CommandLine cl = CliConventions.apply(new CommandLine(new Main()));
    // a config file's settings come first; the same flag on the command line then wins
    cl.getSubcommands().get("serve").setOverwrittenOptionsAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof SnapshotLoadException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return CliConventions.ERROR;
          }
          throw e;
        });
    return cl;
  }
}
