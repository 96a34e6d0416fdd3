package io.netplane.extender.server;

import java.time.Duration;

/**
 * How long a connection may sit idle or take to send a request, and how many may be open, on one
 * listening port. Without them a client that connects and sends nothing, or one byte a second,
 * holds a file descriptor forever; enough of them and the process can accept nothing at all.
 *
 * @param idleTimeout a connection that sends and receives nothing this long is closed; longer than
 *     the 90 s after which kube-scheduler's HTTP client drops idle connections itself, so the two
 *     never race over a connection the scheduler is about to reuse
 * @param headerTimeout a request's line and headers must arrive within this, from its first byte
 *     (or from the connection's opening)
 * @param bodyTimeout a request's body must arrive within this after its headers
 * @param maxConnections connections beyond this many are closed as soon as they are accepted
 */
public record ConnectionLimits(
    Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections) {
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** kube-scheduler gives up on an extender call after its httpTimeout, 30 s by default. */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

  /** Far above what kube-scheduler opens, well below the common 1024 open-file limit. */
  public static final int DEFAULT_MAX_CONNECTIONS = 512;

  /** Probes and scrapes: a few connections at a time. */
  public static final int DEFAULT_HEALTH_MAX_CONNECTIONS = 64;

  public static final ConnectionLimits EXTENDER_DEFAULTS =
      withDefaultTimeouts(DEFAULT_MAX_CONNECTIONS);
  public static final ConnectionLimits HEALTH_DEFAULTS =
      withDefaultTimeouts(DEFAULT_HEALTH_MAX_CONNECTIONS);

  public ConnectionLimits {
    positive("idleTimeout", idleTimeout);
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
  }

  public static ConnectionLimits withDefaultTimeouts(int maxConnections) {
    return new ConnectionLimits(
        DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, maxConnections);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, got " + d);
    }
  }
}
