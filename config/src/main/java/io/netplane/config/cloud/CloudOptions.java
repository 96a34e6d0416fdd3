package io.netplane.config.cloud;

import picocli.CommandLine.Option;

/** Where the cloud is, as command-line options: the same flags in the extender and the agent. */
public final class CloudOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Alibaba Cloud region to query (credentials from the default chain: environment, ACK RRSA, ECS RAM role).")
  private String region;

  @Option(
      names = "--vpc",
      paramLabel = "VPC_ID",
      description =
          "The cluster's VPC: vSwitches are looked up in it, and pool vSwitches outside it are errors.")
  private String vpc;

  @Option(
      names = "--cloud-endpoint",
      paramLabel = "HOST:PORT",
      description =
          "One endpoint for every cloud API (e.g. a VPC endpoint or a local test server).")
  private String endpoint;

  @Option(
      names = "--cloud-protocol",
      paramLabel = "PROTOCOL",
      defaultValue = "HTTPS",
      description = "HTTPS or HTTP (HTTP only with --cloud-endpoint). Default: ${DEFAULT-VALUE}.")
  private CloudConfig.Protocol protocol;

  /** Whether a region was given, i.e. the cloud is to be asked. */
  public boolean hasRegion() {
    return region != null;
  }

  /** Whether any of these flags was given (they mean nothing without the cloud). */
  public boolean anyGiven() {
    return region != null || vpc != null || endpoint != null;
  }

  public String vpc() {
    return vpc;
  }

  /** The config these flags describe; check {@link CloudConfig#errors()} before use. */
  public CloudConfig config() {
    CloudConfig.Builder config = CloudConfig.builder(region).protocol(protocol);
    if (endpoint != null) {
      config.endpoint(endpoint);
    }
    return config.build();
  }
}
