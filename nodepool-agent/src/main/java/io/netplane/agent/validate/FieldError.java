package io.netplane.agent.validate;

/**
 * One problem with one field.
 *
 * @param path field path such as {@code spec.podVSwitchIds[1]}
 * @param value the offending value as written, or null (required, forbidden)
 */
public record FieldError(String path, ErrorType type, String value, String detail) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(path).append(": ").append(type.text());
    if (value != null) {
      sb.append(": ").append(value);
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }
}
