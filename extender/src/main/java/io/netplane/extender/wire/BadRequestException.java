package io.netplane.extender.wire;

/** A request body kube-scheduler (or anyone) sent that cannot be answered; becomes HTTP 400. */
public final class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
