package io.netplane.config.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a node was rejected (or a note on a fit). {@code detail} holds the numbers: vSwitch ids,
 * zones, free IPs, slots; it keeps insertion order so output reads naturally.
 */
public record Reason(ReasonId id, String message, Map<String, Object> detail) {

  public Reason {
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  public static Reason of(ReasonId id, String message) {
    return new Reason(id, message, Map.of());
  }

  public static Builder builder(ReasonId id) {
    return new Builder(id);
  }

  /** Collects detail entries in order. */
  public static final class Builder {
    private final ReasonId id;
    private final Map<String, Object> detail = new LinkedHashMap<>();

    private Builder(ReasonId id) {
      this.id = id;
    }

    public Builder with(String key, Object value) {
      detail.put(key, value);
      return this;
    }

    public Reason message(String message) {
      return new Reason(id, message, detail);
    }
  }
}
