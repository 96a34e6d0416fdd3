package io.netplane.extender.kubectl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.config.cli.CliConventions;
import io.netplane.config.load.SnapshotLoadException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl netplane}: the kubectl plugin ({@code kubectl-netplane} runs {@code
 * netplane-extender kubectl ...}). It asks the running extender through a Kubernetes port-forward
 * and reads the cluster through the user's kubeconfig.
 */
@Command(
    name = "kubectl netplane",
    mixinStandardHelpOptions = true,
    version = "kubectl-netplane 0.1.0",
    description =
        "Ask netplane why pods are Pending, check its state, simulate or lint the live cluster, and list the CIDRs to whitelist.",
    subcommands = {
      WhyPendingCommand.class,
      ExplainPodCommand.class,
      StatusCommand.class,
      LiveSimulateCommand.class,
      LiveLintCommand.class,
      CidrsCommand.class
    })
public final class KubectlNetplane implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the plugin with {@code args} (what follows {@code kubectl netplane}). */
  public static int run(String... args) {
    quietLibraries();
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cl = CliConventions.apply(new CommandLine(new KubectlNetplane()));
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          String message =
              e instanceof KubernetesClientException k
                  ? message(k)
                  : e instanceof IllegalStateException
                          || e instanceof IllegalArgumentException
                          || e instanceof SnapshotLoadException
                          || e instanceof ExtenderConnection.ExtenderException
                      ? e.getMessage()
                      : null;
          if (message == null) {
            throw e;
          }
          cmd.getErr().println("error: " + message);
          return CliConventions.ERROR;
        });
    return cl;
  }

  /** What the API server said, in one line, without the client's request dump. */
  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "cannot reach the Kubernetes API: "
        + (root.getMessage() != null ? root.getMessage() : root.toString());
  }

  /** The Kubernetes client logs warnings of its own; a command line prints only its answers. */
  private static void quietLibraries() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
    }
  }
}
