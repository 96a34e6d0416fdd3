package io.netplane.config.cloud.fake;

/**
 * An error the fake answers instead of the real result. Alibaba Cloud answers flow control with
 * HTTP 400 and a {@code Throttling*} code (not 429), which is what {@link #throttling()} does.
 *
 * @param status HTTP status
 * @param code the API error code
 * @param message the API error message
 */
public record Fault(int status, String code, String message) {

  /** {@code 400 Throttling.User}: per-user flow control. */
  public static Fault throttling() {
    return new Fault(400, "Throttling.User", "Request was denied due to user flow control.");
  }

  /** {@code 500 InternalError}. */
  public static Fault serverError() {
    return new Fault(
        500, "InternalError", "The request processing has failed due to some unknown error.");
  }

  /** {@code 503 ServiceUnavailable}. */
  public static Fault unavailable() {
    return new Fault(
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.");
  }

  /** Any status, code and message. */
  public static Fault of(int status, String code, String message) {
    return new Fault(status, code, message);
  }
}
