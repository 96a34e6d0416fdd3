package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of {@code metadata} the agent reads.
 *
 * @param generation set by the API server on spec changes; null for a file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PoolMetadata(String name, Long generation, String resourceVersion) {}
