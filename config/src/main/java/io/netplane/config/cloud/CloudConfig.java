package io.netplane.config.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to reach Alibaba Cloud: region, optional endpoint overrides, protocol, timeouts and
 * credentials. Shared by the extender's live mode and the node-pool agent.
 *
 * @param regionId region of the cluster, e.g. {@code cn-hangzhou}
 * @param endpoint {@code host[:port]} used for every product, or null for the SDKs' regional
 *     endpoints
 * @param productEndpoints per-product {@code host[:port]} overrides; they win over {@code endpoint}
 * @param protocol HTTPS, or HTTP for a local endpoint override (tests)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout socket read timeout per request
 * @param credentials where the SDK gets its keys; never printed
 */
public record CloudConfig(
    String regionId,
    String endpoint,
    Map<Product, String> productEndpoints,
    Protocol protocol,
    Duration connectTimeout,
    Duration readTimeout,
    CloudCredentials credentials) {

  /** The three OpenAPI products netplane calls. */
  public enum Product {
    VPC,
    ECS,
    CS
  }

  /** Wire protocol. */
  public enum Protocol {
    HTTP,
    HTTPS
  }

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
  // host name or IPv4 literal, optional port; no scheme, no path (the SDK adds both itself)
  private static final Pattern HOST_PORT =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

  public CloudConfig {
    productEndpoints =
        productEndpoints == null || productEndpoints.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(productEndpoints));
  }

  /** HTTPS, default timeouts, default credential chain, regional endpoints. */
  public static Builder builder(String regionId) {
    return new Builder(regionId);
  }

  /** The endpoint the client of {@code product} should use, or null for the SDK's regional one. */
  public String endpointFor(Product product) {
    String specific = productEndpoints.get(product);
    return specific != null ? specific : endpoint;
  }

  /** Every problem with this config, one {@code field: problem} line each; empty when valid. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    if (regionId == null || regionId.isBlank()) {
      errors.add("regionId: required");
    } else if (!REGION.matcher(regionId).matches()) {
      errors.add("regionId: '" + regionId + "' is not a region id such as cn-hangzhou");
    }
    checkEndpoint("endpoint", endpoint, errors);
    productEndpoints.forEach((p, e) -> checkEndpoint("endpoints." + p, e, errors));
    if (protocol == null) {
      errors.add("protocol: required (HTTP or HTTPS)");
    } else if (protocol == Protocol.HTTP) {
      // plain HTTP would carry the STS token header in clear text over the internet
      for (Product p : Product.values()) {
        if (endpointFor(p) == null) {
          errors.add(
              "protocol: HTTP is only allowed with an endpoint override, but "
                  + p
                  + " uses the public regional endpoint");
        }
      }
    }
    checkTimeout("connectTimeout", connectTimeout, errors);
    checkTimeout("readTimeout", readTimeout, errors);
    if (credentials == null) {
      errors.add("credentials: required (use the default chain in production)");
    } else if (credentials instanceof CloudCredentials.Static s) {
      if (s.accessKeyId() == null || s.accessKeyId().isBlank()) {
        errors.add("credentials.accessKeyId: required");
      }
      if (s.accessKeySecret() == null || s.accessKeySecret().isBlank()) {
        errors.add("credentials.accessKeySecret: required");
      }
      if (s.securityToken() != null && s.securityToken().isBlank()) {
        errors.add("credentials.securityToken: blank; omit it for a plain AccessKey");
      }
    }
    return errors;
  }

  /** This config when valid; otherwise a {@link CloudConfigException} listing every error. */
  public CloudConfig validated() {
    List<String> errors = errors();
    if (!errors.isEmpty()) {
      throw new CloudConfigException(errors);
    }
    return this;
  }

  private static void checkEndpoint(String field, String value, List<String> errors) {
    if (value == null) {
      return;
    }
    if (value.contains("://")) {
      errors.add(field + ": '" + value + "' must be host[:port] without a scheme; set protocol");
    } else if (!HOST_PORT.matcher(value).matches()) {
      errors.add(field + ": '" + value + "' is not host[:port]");
    } else {
      int colon = value.lastIndexOf(':');
      if (colon > 0) {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port < 1 || port > 65535) {
          errors.add(field + ": port " + port + " is outside 1..65535");
        }
      }
    }
  }

  private static void checkTimeout(String field, Duration value, List<String> errors) {
    if (value == null) {
      errors.add(field + ": required");
    } else if (value.isNegative() || value.isZero()) {
      errors.add(field + ": must be positive, got " + value);
    } else if (value.toMillis() > Integer.MAX_VALUE) {
      // the SDK takes int milliseconds
      errors.add(field + ": must be below " + Integer.MAX_VALUE + " ms");
    }
  }

  /** Builder with production defaults. */
  public static final class Builder {
    private final String regionId;
    private String endpoint;
    private final Map<Product, String> productEndpoints = new EnumMap<>(Product.class);
    private Protocol protocol = Protocol.HTTPS;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private CloudCredentials credentials = CloudCredentials.defaultChain();

    private Builder(String regionId) {
      this.regionId = regionId;
    }

    /** One {@code host[:port]} for every product. */
    public Builder endpoint(String hostPort) {
      this.endpoint = hostPort;
      return this;
    }

    /** A {@code host[:port]} for one product, winning over {@link #endpoint(String)}. */
    public Builder endpoint(Product product, String hostPort) {
      productEndpoints.put(product, hostPort);
      return this;
    }

    public Builder protocol(Protocol protocol) {
      this.protocol = protocol;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    public Builder credentials(CloudCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Builds without validating; {@link AlibabaCloudClients#create} validates. */
    public CloudConfig build() {
      return new CloudConfig(
          regionId, endpoint, productEndpoints, protocol, connectTimeout, readTimeout, credentials);
    }
  }
}
