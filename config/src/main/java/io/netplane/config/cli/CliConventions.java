package io.netplane.config.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * What both programs' command lines share, following kubectl: exit code 0 ok, 1 error, 2 bad usage;
 * a bad flag prints one line and where to find the usage, not the whole usage; durations in Go's
 * spelling (ISO-8601 accepted); enum values in any case.
 */
public final class CliConventions {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;

  private CliConventions() {}

  /** Applies the conventions to a command line and its subcommands (add subcommands first). */
  public static CommandLine apply(CommandLine cl) {
    cl.registerConverter(Duration.class, new DurationConverter());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr().println("error: " + e.getMessage());
          cmd.getErr()
              .println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          return USAGE;
        });
    return cl;
  }
}
