package io.netplane.extender.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.extender.webhook.SchedulerAssignment.Outcome;
import io.netplane.extender.wire.BadRequestException;
import java.io.IOException;
import java.util.Base64;

/**
 * Reads {@code admission.k8s.io/v1} AdmissionReview requests and writes their responses. A body
 * that is no such review (not JSON, another kind or version, no {@code request.uid}) is a {@link
 * BadRequestException}: without a uid there is no review to answer, and the API server applies the
 * webhook's failure policy. A review of anything else than a pod creation is answered, allowed and
 * unchanged.
 */
public final class AdmissionReviewCodec {
  public static final String API_VERSION = "admission.k8s.io/v1";
  public static final String KIND = "AdmissionReview";

  /** Kubernetes uids are 36 characters; a longer one is no uid the API server sent. */
  static final int MAX_UID_CHARS = 128;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdmissionReviewCodec() {}

  /**
   * What the decision needs from a review, and what names the pod in a log line.
   *
   * @param schedulerName {@code spec.schedulerName}, null when absent
   * @param pod the pod's name, or its generateName prefix, or "" when it has neither
   */
  public record Request(
      String uid,
      boolean podCreation,
      boolean hasSpec,
      String schedulerName,
      String namespace,
      String pod) {}

  public static Request parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new BadRequestException("empty body: expected an " + API_VERSION + " " + KIND);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequestException("body is not JSON: " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("body is not a JSON object: expected an " + KIND);
    }
    if (!API_VERSION.equals(root.path("apiVersion").asText(null))
        || !KIND.equals(root.path("kind").asText(null))) {
      throw new BadRequestException(
          "expected apiVersion "
              + API_VERSION
              + " kind "
              + KIND
              + ", got apiVersion "
              + text(root.get("apiVersion"))
              + " kind "
              + text(root.get("kind")));
    }
    JsonNode request = root.get("request");
    if (request == null || !request.isObject()) {
      throw new BadRequestException(KIND + " has no request object");
    }
    JsonNode uid = request.get("uid");
    if (uid == null || !uid.isTextual() || uid.asText().isEmpty()) {
      throw new BadRequestException(KIND + " request has no uid");
    }
    if (uid.asText().length() > MAX_UID_CHARS) {
      throw new BadRequestException(
          KIND + " request uid is longer than " + MAX_UID_CHARS + " characters");
    }
    JsonNode resource = request.path("resource");
    boolean podCreation =
        "".equals(resource.path("group").asText(null))
            && "pods".equals(resource.path("resource").asText(null))
            && request.path("subResource").asText("").isEmpty()
            && "CREATE".equals(request.path("operation").asText(null));
    JsonNode object = request.path("object");
    JsonNode spec = object.path("spec");
    JsonNode schedulerName = spec.get("schedulerName");
    if (podCreation
        && schedulerName != null
        && !schedulerName.isTextual()
        && !schedulerName.isNull()) {
      throw new BadRequestException("request.object.spec.schedulerName is not a string");
    }
    JsonNode metadata = object.path("metadata");
    String pod = metadata.path("name").asText("");
    return new Request(
        uid.asText(),
        podCreation,
        spec.isObject(),
        schedulerName == null || schedulerName.isNull() ? null : schedulerName.asText(),
        request.path("namespace").asText(""),
        pod.isEmpty() ? metadata.path("generateName").asText("") : pod);
  }

  /**
   * The review answering {@code request}: always allowed, with the JSON patch setting {@code
   * spec.schedulerName} when the outcome patches. The "add" operation replaces a member that exists
   * (RFC 6902), so it serves both a pod with and one without the field.
   */
  public static byte[] response(Request request, Outcome outcome, String schedulerName) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", API_VERSION).put("kind", KIND);
    ObjectNode response = review.putObject("response");
    response.put("uid", request.uid()).put("allowed", true);
    if (outcome.patches()) {
      ArrayNode patch = JSON.createArrayNode();
      patch
          .addObject()
          .put("op", "add")
          .put("path", "/spec/schedulerName")
          .put("value", schedulerName);
      response
          .put("patchType", "JSONPatch")
          .put("patch", Base64.getEncoder().encodeToString(bytes(patch)));
    }
    if (outcome == Outcome.NO_POD_SPEC) {
      response
          .putArray("warnings")
          .add("netplane webhook: the pod has no spec, so its schedulerName was not set");
    }
    return bytes(review);
  }

  private static String text(JsonNode node) {
    return node == null ? "none" : node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  /** Jackson's messages quote the input over several lines; the first says what is wrong. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unparseable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
