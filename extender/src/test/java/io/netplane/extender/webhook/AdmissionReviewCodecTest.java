package io.netplane.extender.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.extender.webhook.AdmissionReviewCodec.Request;
import io.netplane.extender.webhook.SchedulerAssignment.Outcome;
import io.netplane.extender.wire.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdmissionReviewCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An AdmissionReview as kube-apiserver v1.33 sends it for a pod creation. */
  static String review(
      String uid, String operation, String resource, String subResource, String spec) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"%s","kind":{"group":"","version":"v1","kind":"Pod"},
          "resource":{"group":"","version":"v1","resource":"%s"},%s
          "requestKind":{"group":"","version":"v1","kind":"Pod"},
          "namespace":"team-a","operation":"%s","userInfo":{"username":"admin"},
          "object":{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-","namespace":"team-a"}%s},
          "oldObject":null,"dryRun":false,"options":{"apiVersion":"meta.k8s.io/v1","kind":"CreateOptions"}}}
        """
        .formatted(
            uid,
            resource,
            subResource == null ? "" : "\"subResource\":\"" + subResource + "\",",
            operation,
            spec == null ? "" : ",\"spec\":" + spec);
  }

  static String podCreation(String spec) {
    return review("705ab4f5-6393-11e8-b7cc-42010a800002", "CREATE", "pods", null, spec);
  }

  private static Request parse(String body) {
    return AdmissionReviewCodec.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsWhatTheDecisionNeeds() {
    Request r =
        parse(
            podCreation(
                "{\"schedulerName\":\"default-scheduler\",\"containers\":[{\"name\":\"c\"}]}"));
    assertThat(r.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(r.podCreation()).isTrue();
    assertThat(r.hasSpec()).isTrue();
    assertThat(r.schedulerName()).isEqualTo("default-scheduler");
    assertThat(r.namespace()).isEqualTo("team-a");
    assertThat(r.pod()).as("generateName when the pod has no name yet").isEqualTo("web-");
  }

  @Test
  void tellsPodCreationsFromOtherRequests() {
    assertThat(parse(review("u", "UPDATE", "pods", null, "{}")).podCreation()).isFalse();
    assertThat(parse(review("u", "CREATE", "pods", "binding", "{}")).podCreation()).isFalse();
    assertThat(parse(review("u", "CREATE", "deployments", null, "{}")).podCreation()).isFalse();
    assertThat(parse(podCreation(null)).hasSpec()).isFalse();
    assertThat(parse(podCreation("{}")).schedulerName()).isNull();
  }

  @Test
  void thePatchSetsTheSchedulerAndEchoesTheUid() throws Exception {
    Request r = parse(podCreation("{\"schedulerName\":\"default-scheduler\"}"));
    JsonNode review =
        JSON.readTree(AdmissionReviewCodec.response(r, Outcome.ASSIGNED, "netplane-scheduler"));
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    JsonNode response = review.path("response");
    assertThat(response.path("uid").asText()).isEqualTo(r.uid());
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    assertThat(patch)
        .isEqualTo(
            JSON.readTree(
                "[{\"op\":\"add\",\"path\":\"/spec/schedulerName\",\"value\":\"netplane-scheduler\"}]"));
  }

  @Test
  void otherOutcomesAreAllowedUnchanged() throws Exception {
    Request r = parse(podCreation("{\"schedulerName\":\"volcano\"}"));
    for (Outcome outcome : Outcome.values()) {
      if (outcome.patches()) {
        continue;
      }
      JsonNode response =
          JSON.readTree(AdmissionReviewCodec.response(r, outcome, "netplane-scheduler"))
              .path("response");
      assertThat(response.path("allowed").asBoolean()).as(outcome.label).isTrue();
      assertThat(response.has("patch")).as(outcome.label).isFalse();
      assertThat(response.has("patchType")).as(outcome.label).isFalse();
    }
    JsonNode noSpec =
        JSON.readTree(AdmissionReviewCodec.response(r, Outcome.NO_POD_SPEC, "netplane-scheduler"));
    assertThat(noSpec.path("response").path("warnings").get(0).asText()).contains("no spec");
  }

  @Test
  void bodiesThatAreNoReviewAreBadRequests() {
    assertBad("", "empty body");
    assertBad("{\"apiVersion\":", "not JSON");
    assertBad("[1,2]", "not a JSON object");
    assertBad("null", "not a JSON object");
    assertBad(
        podCreation("{}").replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1"),
        "got apiVersion 'admission.k8s.io/v1beta1'");
    assertBad(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{}}", "got apiVersion 'v1' kind 'Pod'");
    assertBad(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "no request");
    assertBad(review("", "CREATE", "pods", null, "{}"), "no uid");
    assertBad(
        podCreation("{}").replace("\"705ab4f5-6393-11e8-b7cc-42010a800002\"", "17"), "no uid");
    assertBad(review("u".repeat(129), "CREATE", "pods", null, "{}"), "longer than 128");
    assertBad(podCreation("{\"schedulerName\":{\"a\":1}}"), "schedulerName is not a string");
  }

  private static void assertBad(String body, String message) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(message);
  }
}
