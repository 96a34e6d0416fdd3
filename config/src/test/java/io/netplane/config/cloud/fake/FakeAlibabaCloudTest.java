package io.netplane.config.cloud.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's protocol checks, driven with hand-signed raw requests (the SDK never sends the broken
 * requests these tests need).
 */
class FakeAlibabaCloudTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  FakeAlibabaCloud cloud;

  @BeforeEach
  void start() {
    cloud = FakeAlibabaCloud.start();
    cloud.addVSwitch("vsw-1", "cn-hangzhou-h", "10.0.0.0/24", "vpc-1", 42);
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  /** A raw RPC request, signed like the SDK signs it unless a test tampers with it. */
  final class Rpc {
    final Map<String, String> query = new TreeMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String secret = FakeAlibabaCloud.ACCESS_KEY_SECRET;

    Rpc(String action, String version) {
      headers.put("host", cloud.endpoint());
      headers.put("x-acs-action", action);
      headers.put("x-acs-version", version);
      headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
      headers.put("x-acs-content-sha256", Acs3Signature.sha256Hex(new byte[0]));
    }

    String authorization() {
      List<String> signed = new ArrayList<>(headers.keySet());
      String canonical =
          Acs3Signature.canonicalRequest(
              "POST", "/", query, headers, signed, headers.get("x-acs-content-sha256"));
      return Acs3Signature.authorization(
          FakeAlibabaCloud.ACCESS_KEY_ID, signed, Acs3Signature.signature(secret, canonical));
    }

    HttpResponse<String> send(String authorization, Map<String, String> sentQuery)
        throws IOException, InterruptedException {
      StringBuilder q = new StringBuilder();
      sentQuery.forEach(
          (k, v) ->
              q.append(q.isEmpty() ? "?" : "&")
                  .append(Acs3Signature.percentEncode(k))
                  .append('=')
                  .append(Acs3Signature.percentEncode(v)));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://" + cloud.endpoint() + "/" + q))
              .POST(HttpRequest.BodyPublishers.noBody());
      headers.forEach(
          (k, v) -> {
            if (!k.equals("host")) {
              b.header(k, v);
            }
          });
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send() throws IOException, InterruptedException {
      return send(authorization(), query);
    }
  }

  Rpc describeVSwitches() {
    Rpc rpc = new Rpc("DescribeVSwitches", "2016-04-28");
    rpc.query.put("RegionId", FakeAlibabaCloud.REGION);
    rpc.query.put("VpcId", "vpc-1");
    return rpc;
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void aCorrectlySignedRawRequestIsServed() throws Exception {
    HttpResponse<String> response = describeVSwitches().send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/VSwitches/VSwitch/0/AvailableIpAddressCount").asLong())
        .isEqualTo(42);
    assertThat(json(response).at("/TotalCount").asInt()).isEqualTo(1);
  }

  @Test
  void noAuthorizationIsAnIncompleteSignature() throws Exception {
    Rpc rpc = describeVSwitches();
    HttpResponse<String> response = rpc.send(null, rpc.query);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response);
    assertThat(error.get("Code").asText()).isEqualTo("IncompleteSignature");
    assertThat(error.get("Message").asText()).isNotBlank();
    assertThat(error.get("RequestId").asText()).isNotBlank();
    assertThat(response.headers().firstValue("x-acs-request-id"))
        .contains(error.get("RequestId").asText());
  }

  @Test
  void aParameterChangedAfterSigningDoesNotMatch() throws Exception {
    Rpc rpc = describeVSwitches();
    String authorization = rpc.authorization();
    Map<String, String> tampered = new TreeMap<>(rpc.query);
    tampered.put("VpcId", "vpc-2");

    HttpResponse<String> response = rpc.send(authorization, tampered);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("Code").asText()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void anUnsignedAcsHeaderIsAnIncompleteSignature() throws Exception {
    Rpc rpc = describeVSwitches();
    String authorization = rpc.authorization();
    rpc.headers.put("x-acs-extra", "sneaked in");

    HttpResponse<String> response = rpc.send(authorization, rpc.query);

    assertThat(json(response).get("Code").asText()).isEqualTo("IncompleteSignature");
  }

  @Test
  void aReplayedNonceIsRefused() throws Exception {
    Rpc rpc = describeVSwitches();
    String authorization = rpc.authorization();

    assertThat(rpc.send(authorization, rpc.query).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = rpc.send(authorization, rpc.query);

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(json(replay).get("Code").asText()).isEqualTo("SignatureNonceUsed");
  }

  @Test
  void anOldDateIsRefused() throws Exception {
    Rpc rpc = describeVSwitches();
    rpc.headers.put(
        "x-acs-date", Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString());

    assertThat(json(rpc.send()).get("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
  }

  @Test
  void anUnknownActionIs404() throws Exception {
    HttpResponse<String> response = new Rpc("DescribeNothing", "2016-04-28").send();

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("Code").asText()).isEqualTo("InvalidAction.NotFound");
  }

  @Test
  void aPageSizeAboveFiftyIsInvalid() throws Exception {
    Rpc rpc = describeVSwitches();
    rpc.query.put("PageSize", "100");

    HttpResponse<String> response = rpc.send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("Code").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void moreThanTenInstanceTypesAreInvalid() throws Exception {
    Rpc rpc = new Rpc("DescribeInstanceTypes", "2014-05-26");
    rpc.query.put("InstanceTypes.11", "ecs.g7.large");

    assertThat(json(rpc.send()).get("Code").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void faultsCountDownThenCallsSucceedAndEverythingIsRecorded() throws Exception {
    cloud.failNext("DescribeVSwitches", 2, Fault.throttling());

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(describeVSwitches().send().statusCode());
    }

    assertThat(statuses).containsExactly(400, 400, 200);
    assertThat(cloud.calls("DescribeVSwitches"))
        .extracting(RecordedCall::errorCode)
        .containsExactly("Throttling.User", "Throttling.User", null);
    assertThat(cloud.calls().get(0).param("VpcId")).isEqualTo("vpc-1");
  }
}
