package io.netplane.config.cloud;

/**
 * Where the Alibaba Cloud SDK clients get their credentials. Production uses {@link
 * #defaultChain()} (environment keys, ACK RRSA OIDC, ECS RAM role, ...); tests use static keys. The
 * records never print a secret: {@code toString()} is overridden so a config can be logged safely.
 */
public sealed interface CloudCredentials {

  /** credentials-java's default provider chain ({@code new com.aliyun.credentials.Client()}). */
  static CloudCredentials defaultChain() {
    return new DefaultChain();
  }

  /** A static AccessKey pair. */
  static CloudCredentials accessKey(String accessKeyId, String accessKeySecret) {
    return new Static(accessKeyId, accessKeySecret, null);
  }

  /** A static STS token (AccessKey pair plus security token). */
  static CloudCredentials sts(String accessKeyId, String accessKeySecret, String securityToken) {
    return new Static(accessKeyId, accessKeySecret, securityToken);
  }

  /** The default provider chain; resolved lazily by the SDK on the first call. */
  record DefaultChain() implements CloudCredentials {
    @Override
    public String toString() {
      return "default credential chain";
    }
  }

  /**
   * Static credentials; {@code securityToken} is null for a plain AccessKey.
   *
   * @param accessKeyId AccessKey id
   * @param accessKeySecret AccessKey secret, never printed
   * @param securityToken STS token or null, never printed
   */
  record Static(String accessKeyId, String accessKeySecret, String securityToken)
      implements CloudCredentials {
    @Override
    public String toString() {
      String kind = securityToken == null ? "access key" : "sts token";
      return kind + " " + mask(accessKeyId) + " (secret redacted)";
    }

    /** The id is not a secret, but it identifies an account: show only its tail. */
    private static String mask(String id) {
      if (id == null || id.length() <= 4) {
        return "****";
      }
      return "****" + id.substring(id.length() - 4);
    }
  }
}
