package io.netplane.extender;

import io.netplane.extender.cli.Main;
import io.netplane.extender.kubectl.KubectlNetplane;
import java.util.Arrays;

/**
 * The jar's entry point: {@code kubectl ...} runs the kubectl plugin, as
 * deploy/kubectl/kubectl-netplane does; anything else is {@code netplane-extender}'s own command
 * line. Dispatching here keeps the plugin, which reuses the offline commands, off the command line
 * it is launched from.
 */
public final class NetplaneExtender {
  /** The first argument that runs the kubectl plugin. */
  static final String KUBECTL = "kubectl";

  private NetplaneExtender() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return args.length > 0 && args[0].equals(KUBECTL)
        ? KubectlNetplane.run(Arrays.copyOfRange(args, 1, args.length))
        : Main.run(args);
  }
}
