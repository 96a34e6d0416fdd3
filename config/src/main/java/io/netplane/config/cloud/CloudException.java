package io.netplane.config.cloud;

import com.aliyun.tea.TeaException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;

/**
 * A failed Alibaba Cloud API call, with what callers need to decide on retry and backoff: the API's
 * error {@code code} (e.g. {@code Throttling.User}, {@code InvalidVSwitchId.NotFound}), its message
 * and request id, and the HTTP status (0 when no response arrived).
 */
public final class CloudException extends RuntimeException {
  /** Code used when no response arrived (connect refused, reset, ...). */
  public static final String IO_ERROR = "IOError";

  /** Code used when the response did not arrive within the read timeout. */
  public static final String TIMEOUT = "Timeout";

  /** Code used for failures inside the client (bad request model, credentials not resolvable). */
  public static final String CLIENT_ERROR = "ClientError";

  private final String action;
  private final String code;
  private final String apiMessage;
  private final String requestId;
  private final int httpStatus;
  private final boolean ioFailure;

  public CloudException(
      String action,
      String code,
      String apiMessage,
      String requestId,
      int httpStatus,
      boolean ioFailure,
      Throwable cause) {
    super(describe(action, code, apiMessage, requestId, httpStatus), cause);
    this.action = action;
    this.code = code;
    this.apiMessage = apiMessage;
    this.requestId = requestId;
    this.httpStatus = httpStatus;
    this.ioFailure = ioFailure;
  }

  /** The API action that failed, e.g. {@code DescribeVSwitches}. */
  public String action() {
    return action;
  }

  /** The API's error code, or one of {@link #IO_ERROR}, {@link #TIMEOUT}, {@link #CLIENT_ERROR}. */
  public String code() {
    return code;
  }

  /** The API's own message, without the SDK's decorations. */
  public String apiMessage() {
    return apiMessage;
  }

  /** Request id to quote to Alibaba Cloud support; null when no response arrived. */
  public String requestId() {
    return requestId;
  }

  /** HTTP status of the error response; 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Flow control: codes {@code Throttling}, {@code Throttling.User}, {@code Throttling.Api}, ...
   * Alibaba Cloud answers those with HTTP 400, so the code is what counts; 429 is included for
   * gateways that use the standard status.
   */
  public boolean throttled() {
    return (code != null && code.startsWith("Throttling")) || httpStatus == 429;
  }

  /** Worth retrying after a backoff: throttling, a 5xx, or no response at all. */
  public boolean retryable() {
    return throttled() || httpStatus >= 500 || ioFailure;
  }

  /** Maps whatever an SDK call threw; {@code action} names the API for messages and metrics. */
  public static CloudException from(String action, Throwable failure) {
    if (failure instanceof CloudException c) {
      return c;
    }
    IOException io = ioCause(failure);
    if (io != null) {
      // The SDK wraps I/O errors in TeaUnretryableException, which holds the last request with
      // its headers (STS token included). Keep only the I/O exception as the cause.
      String code = io instanceof InterruptedIOException ? TIMEOUT : IO_ERROR;
      return new CloudException(action, code, String.valueOf(io.getMessage()), null, 0, true, io);
    }
    // TeaException(Map) stores String.valueOf(null) when the map had no code
    if (failure instanceof TeaException tea
        && tea.getCode() != null
        && !"null".equals(tea.getCode())) {
      Map<String, Object> data = tea.getData() == null ? Map.of() : tea.getData();
      int status = tea.getStatusCode() == null ? 0 : tea.getStatusCode();
      String message = first(data, "Message", "message");
      if (message == null) {
        message = tea.getMessage();
      }
      // error bodies are PascalCase for RPC products, camelCase for some ROA ones
      return new CloudException(
          action,
          tea.getCode(),
          message,
          first(data, "RequestId", "requestId"),
          status,
          false,
          tea);
    }
    return new CloudException(
        action, CLIENT_ERROR, String.valueOf(failure.getMessage()), null, 0, false, failure);
  }

  private static IOException ioCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return io;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static String first(Map<String, Object> data, String... keys) {
    for (String k : keys) {
      Object v = data.get(k);
      if (v != null && !"null".equals(String.valueOf(v))) {
        return String.valueOf(v);
      }
    }
    return null;
  }

  private static String describe(
      String action, String code, String message, String requestId, int status) {
    StringBuilder sb = new StringBuilder(action).append(" failed: ").append(code);
    if (status > 0) {
      sb.append(" (HTTP ").append(status).append(')');
    }
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(message);
    }
    if (requestId != null) {
      sb.append(" [request id ").append(requestId).append(']');
    }
    return sb.toString();
  }
}
