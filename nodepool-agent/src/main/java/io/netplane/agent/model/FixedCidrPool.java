package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code FixedCidrPool} document ({@code netplane.io/v1alpha1}, cluster-scoped): the custom
 * resource and the same YAML given to the CLI with {@code -f}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FixedCidrPool(
    String apiVersion,
    String kind,
    PoolMetadata metadata,
    FixedCidrPoolSpec spec,
    FixedCidrPoolStatus status) {

  public static final String GROUP = "netplane.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "FixedCidrPool";
  public static final String PLURAL = "fixedcidrpools";

  public String name() {
    return metadata.name();
  }

  /** The same pool with a new status. */
  public FixedCidrPool withStatus(FixedCidrPoolStatus newStatus) {
    return new FixedCidrPool(apiVersion, kind, metadata, spec, newStatus);
  }
}
