package io.netplane.extender.server;

/**
 * How the HTTP server listens.
 *
 * @param maxBodyBytes requests larger than this get HTTP 400
 * @param instances event-loop instances serving the port
 * @param tls HTTPS settings, or null for plain HTTP
 * @param limits timeouts and the connection cap of the port
 */
public record ServerOptions(
    String host,
    int port,
    long maxBodyBytes,
    int instances,
    TlsOptions tls,
    ConnectionLimits limits) {
  /** 32 MiB: a Nodes-mode request for 500 full Node objects fits comfortably. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  public ServerOptions(String host, int port, long maxBodyBytes, int instances) {
    this(host, port, maxBodyBytes, instances, null);
  }

  public ServerOptions(String host, int port, long maxBodyBytes, int instances, TlsOptions tls) {
    this(host, port, maxBodyBytes, instances, tls, ConnectionLimits.EXTENDER_DEFAULTS);
  }

  public ServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    if (instances <= 0) {
      throw new IllegalArgumentException("instances must be positive, got " + instances);
    }
    if (limits == null) {
      throw new IllegalArgumentException("limits are required");
    }
    if (tls != null && !tls.errors().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", tls.errors()));
    }
  }
}
