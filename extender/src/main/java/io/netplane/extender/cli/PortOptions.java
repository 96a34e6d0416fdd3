package io.netplane.extender.cli;

import io.netplane.config.cli.DurationConverter;
import io.netplane.extender.server.ConnectionLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The health port and the connection limits of both ports, alike for {@code serve} and {@code
 * webhook}: a main port ({@code --listen}) and an optional plain-HTTP health port.
 */
final class PortOptions {
  @Option(
      names = "--health-listen",
      paramLabel = "HOST:PORT",
      description =
          "Also serve GET /healthz, /readyz and /metrics over plain HTTP here, and nothing else: for kubelet probes and Prometheus, which present no client certificate. Default: off.")
  String healthListen;

  @Option(
      names = "--idle-timeout",
      defaultValue = "2m",
      description =
          "Both ports: close a connection that sends and receives nothing this long. Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout;

  @Option(
      names = "--header-timeout",
      defaultValue = "10s",
      description =
          "Both ports: close a connection whose request line and headers take longer than this. Default: ${DEFAULT-VALUE}.")
  Duration headerTimeout;

  @Option(
      names = "--body-timeout",
      defaultValue = "30s",
      description =
          "Both ports: close a connection whose request body takes longer than this after its headers. Default: ${DEFAULT-VALUE}.")
  Duration bodyTimeout;

  @Option(
      names = "--max-connections",
      defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS,
      paramLabel = "N",
      description =
          "Connections the main port keeps open at once; more are closed on accept. Default: ${DEFAULT-VALUE}.")
  int maxConnections;

  @Option(
      names = "--health-max-connections",
      defaultValue = "" + ConnectionLimits.DEFAULT_HEALTH_MAX_CONNECTIONS,
      paramLabel = "N",
      description =
          "The same for --health-listen, counted apart, so probes get through while the main port is full. Default: ${DEFAULT-VALUE}.")
  int healthMaxConnections;

  /** Every problem with these settings, and with {@code --listen} ({@code listen}). */
  List<String> problems(String listen) {
    List<String> problems = new ArrayList<>();
    if (hostPort(listen) == null) {
      problems.add("--listen must be HOST:PORT, got '" + listen + "'");
    }
    if (healthListen != null && hostPort(healthListen) == null) {
      problems.add("--health-listen must be HOST:PORT, got '" + healthListen + "'");
    } else if (healthListen != null && healthListen.equals(listen) && !listen.endsWith(":0")) {
      problems.add("--health-listen must differ from --listen (" + listen + ")");
    }
    for (var timeout :
        List.of(
            Map.entry("--idle-timeout", idleTimeout),
            Map.entry("--header-timeout", headerTimeout),
            Map.entry("--body-timeout", bodyTimeout))) {
      if (timeout.getValue().toMillis() <= 0) {
        problems.add(
            timeout.getKey()
                + " must be at least 1ms, got "
                + DurationConverter.format(timeout.getValue()));
      }
    }
    if (maxConnections <= 0) {
      problems.add("--max-connections must be positive, got " + maxConnections);
    }
    if (healthMaxConnections <= 0) {
      problems.add("--health-max-connections must be positive, got " + healthMaxConnections);
    }
    return problems;
  }

  ConnectionLimits limits() {
    return limits(maxConnections);
  }

  ConnectionLimits healthLimits() {
    return limits(healthMaxConnections);
  }

  private ConnectionLimits limits(int cap) {
    return new ConnectionLimits(idleTimeout, headerTimeout, bodyTimeout, cap);
  }

  /** {@code [host, port]}, or null when the value is not HOST:PORT. */
  static String[] hostPort(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      return null;
    }
    try {
      int port = Integer.parseInt(listen.substring(colon + 1));
      return port < 0 || port > 65535
          ? null
          : new String[] {listen.substring(0, colon), Integer.toString(port)};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
