package io.netplane.agent.validate;

/** Kinds of field errors, worded as Kubernetes' {@code field.ErrorType} prints them. */
public enum ErrorType {
  REQUIRED("Required value"),
  INVALID("Invalid value"),
  DUPLICATE("Duplicate value"),
  NOT_SUPPORTED("Unsupported value"),
  FORBIDDEN("Forbidden"),
  TOO_MANY("Too many"),
  TOO_LONG("Too long"),
  TYPE_INVALID("Invalid type"),
  UNKNOWN_FIELD("Unknown field");

  private final String text;

  ErrorType(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
