package io.netplane.agent.cli;

import io.netplane.agent.validate.InvalidPoolException;
import io.netplane.config.cli.CliConventions;
import io.netplane.config.cli.LogOptions;
import io.netplane.config.cloud.CloudConfigException;
import io.netplane.config.cloud.CloudException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code netplane-nodepool-agent}: fixed-CIDR node pools without the console. */
@Command(
    name = "netplane-nodepool-agent",
    mixinStandardHelpOptions = true,
    version = "netplane-nodepool-agent 0.1.0",
    description =
        "Roll out FixedCidrPools: terway-config overrides, node labels and taints, ACK node pools. Exit codes: 0 ok, 1 error, 2 bad usage; plan --exit-code: 3 changes pending.")
public final class Main {
  @Mixin LogOptions logOptions;

  public static void main(String[] args) {
    System.exit(commandLine(Connections.REAL).execute(args));
  }

  public static CommandLine commandLine(Connections connections) {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand(new CommandLine(new PlanCommand(connections)));
    cl.addSubcommand(new CommandLine(new ApplyCommand(connections)));
    cl.addSubcommand(new CommandLine(new DeleteCommand(connections)));
    cl.addSubcommand(new CommandLine(new CidrsCommand(connections)));
    cl.addSubcommand(new CommandLine(new RunCommand(connections)));
    CliConventions.apply(cl);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof InvalidPoolException
              || e instanceof IllegalArgumentException
              || e instanceof CloudException
              || e instanceof CloudConfigException
              || e instanceof UncheckedIOException
              || e instanceof io.fabric8.kubernetes.client.KubernetesClientException) {
            cmd.getErr().println("error: " + e.getMessage());
            cmd.getErr().flush();
            return CliConventions.ERROR;
          }
          throw e;
        });
    return cl;
  }
}
