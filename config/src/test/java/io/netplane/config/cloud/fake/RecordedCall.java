package io.netplane.config.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Map;

/**
 * One request the fake received, whatever its outcome, for tests to assert on.
 *
 * @param action API action: {@code x-acs-action} for RPC, derived from method and path for ROA
 * @param method HTTP method
 * @param path decoded request path
 * @param query decoded query parameters, sorted
 * @param body request body (empty for RPC calls)
 * @param status HTTP status the fake answered
 * @param errorCode error code answered, null on success
 */
public record RecordedCall(
    String action,
    String method,
    String path,
    Map<String, String> query,
    String body,
    int status,
    String errorCode) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A query parameter, or null. */
  public String param(String name) {
    return query.get(name);
  }

  /** The body parsed as JSON; a missing node when empty. */
  public JsonNode json() {
    if (body == null || body.isEmpty()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("body is not JSON: " + body, e);
    }
  }

  public boolean succeeded() {
    return status / 100 == 2;
  }
}
