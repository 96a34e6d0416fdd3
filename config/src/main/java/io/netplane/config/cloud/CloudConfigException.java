package io.netplane.config.cloud;

import java.util.List;

/** An invalid {@link CloudConfig}; lists every problem at once so one edit fixes them all. */
public final class CloudConfigException extends IllegalArgumentException {
  private final List<String> errors;

  public CloudConfigException(List<String> errors) {
    super("invalid Alibaba Cloud configuration:\n  - " + String.join("\n  - ", errors));
    this.errors = List.copyOf(errors);
  }

  /** One {@code field: problem} line per error. */
  public List<String> errors() {
    return errors;
  }
}
