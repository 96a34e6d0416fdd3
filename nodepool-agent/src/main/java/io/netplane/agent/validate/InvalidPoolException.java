package io.netplane.agent.validate;

import java.util.List;

/** A pool document with errors; the message lists every one of them. */
public final class InvalidPoolException extends RuntimeException {
  private final String source;
  private final List<FieldError> errors;

  public InvalidPoolException(String source, List<FieldError> errors) {
    super(render(source, errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public String source() {
    return source;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String render(String source, List<FieldError> errors) {
    StringBuilder sb =
        new StringBuilder(source).append(": ").append(errors.size()).append(" error(s)");
    for (FieldError e : errors) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }
}
