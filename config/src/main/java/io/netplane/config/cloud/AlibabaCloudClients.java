package io.netplane.config.cloud;

import io.netplane.config.cloud.CloudConfig.Product;

/**
 * The Alibaba Cloud V2 SDK clients (vpc20160428, ecs20140526, cs20151215) built from one {@link
 * CloudConfig}, exposed through netplane's own interfaces. The SDK clients are thread-safe, so one
 * instance serves the whole process.
 */
public final class AlibabaCloudClients {
  private final CloudConfig config;
  private final CloudInventory inventory;
  private final NodePools nodePools;

  private AlibabaCloudClients(CloudConfig config) throws Exception {
    this.config = config;
    com.aliyun.credentials.Client credentials = credentials(config.credentials());
    this.inventory =
        new SdkCloudInventory(
            new com.aliyun.vpc20160428.Client(sdkConfig(config, Product.VPC, credentials)),
            new com.aliyun.ecs20140526.Client(sdkConfig(config, Product.ECS, credentials)),
            config.regionId());
    this.nodePools =
        new SdkNodePools(
            new com.aliyun.cs20151215.Client(sdkConfig(config, Product.CS, credentials)));
  }

  /**
   * Validates {@code config} and builds the clients. No network call happens here; credentials from
   * the default chain are resolved on the first API call.
   *
   * @throws CloudConfigException listing every problem when the config is invalid
   */
  public static AlibabaCloudClients create(CloudConfig config) {
    config.validated();
    try {
      return new AlibabaCloudClients(config);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // the SDK constructors declare Exception but only fail on bad config
      throw new IllegalStateException(
          "cannot build Alibaba Cloud SDK clients: " + e.getMessage(), e);
    }
  }

  /** vSwitches and instance types. */
  public CloudInventory inventory() {
    return inventory;
  }

  /** ACK node pools. */
  public NodePools nodePools() {
    return nodePools;
  }

  /** The config these clients were built from (its toString hides secrets). */
  public CloudConfig config() {
    return config;
  }

  private static com.aliyun.credentials.Client credentials(CloudCredentials credentials) {
    if (credentials instanceof CloudCredentials.Static s) {
      var c =
          new com.aliyun.credentials.models.Config()
              .setType(s.securityToken() == null ? "access_key" : "sts")
              .setAccessKeyId(s.accessKeyId())
              .setAccessKeySecret(s.accessKeySecret());
      if (s.securityToken() != null) {
        c.setSecurityToken(s.securityToken());
      }
      return new com.aliyun.credentials.Client(c);
    }
    // environment keys, ACK RRSA (OIDC), CLI profile, ECS RAM role, credentials URI
    return new com.aliyun.credentials.Client();
  }

  private static com.aliyun.teaopenapi.models.Config sdkConfig(
      CloudConfig config, Product product, com.aliyun.credentials.Client credentials) {
    var c =
        new com.aliyun.teaopenapi.models.Config()
            .setCredential(credentials)
            .setRegionId(config.regionId())
            // overrides the "HTTPS" each API hard-codes in its Params
            .setProtocol(config.protocol().name())
            .setConnectTimeout((int) config.connectTimeout().toMillis())
            .setReadTimeout((int) config.readTimeout().toMillis())
            .setUserAgent("netplane");
    String endpoint = config.endpointFor(product);
    if (endpoint != null) {
      // bypasses the SDK's regional endpoint map
      c.setEndpoint(endpoint);
    }
    return c;
  }
}
