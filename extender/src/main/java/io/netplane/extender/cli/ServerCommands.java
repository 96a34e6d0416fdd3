package io.netplane.extender.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the long-running commands ({@code serve}, {@code webhook}) share when they run. */
final class ServerCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommands.class);

  /** A step of a shutdown, which may fail without stopping the next ones. */
  interface Step {
    void run() throws Exception;
  }

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile(DNS_LABEL.pattern() + "(\\." + DNS_LABEL.pattern() + ")*");

  private ServerCommands() {}

  /**
   * Whether {@code value} is a DNS subdomain (a Kubernetes object's name); when not, adds why to
   * {@code problems}, naming {@code option}.
   */
  static boolean dnsSubdomain(String option, String value, List<String> problems) {
    return named(
        option,
        value,
        value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches(),
        problems,
        "a DNS subdomain (lower-case letters, digits, '-' and '.')");
  }

  /** Whether {@code value} is a DNS label (a namespace's name); like {@link #dnsSubdomain}. */
  static boolean dnsLabel(String option, String value, List<String> problems) {
    return named(
        option,
        value,
        value.length() <= 63 && DNS_LABEL.matcher(value).matches(),
        problems,
        "a DNS label (lower-case letters, digits and '-')");
  }

  private static boolean named(
      String option, String value, boolean valid, List<String> problems, String what) {
    if (!valid) {
      problems.add(option + " must be " + what + ", got '" + value + "'");
    }
    return valid;
  }

  /** A usage error listing every problem, so that one start shows them all; nothing when none. */
  static void requireValid(CommandSpec spec, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "invalid settings:\n  - " + String.join("\n  - ", problems));
    }
  }

  /**
   * Blocks until the JVM is asked to stop (SIGTERM), then runs {@code drain} and closes {@code
   * resources} in order; a failure is logged and the rest still runs.
   */
  static void awaitShutdown(String inFlight, Step drain, List<AutoCloseable> resources)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down: draining in-flight {}", inFlight);
                  try {
                    drain.run();
                  } catch (Exception e) {
                    LOG.warn("shutdown did not finish cleanly: {}", e.toString());
                  }
                  for (AutoCloseable r : resources) {
                    try {
                      r.close();
                    } catch (Exception e) {
                      LOG.warn("closing {} failed: {}", r, e.toString());
                    }
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }
}
