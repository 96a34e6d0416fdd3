package io.netplane.config.cloud.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's independent ACS3 implementation must agree with the SDK's, byte for byte. */
class Acs3SignatureTest {

  @Test
  void agreesWithTheSdkOnAnAwkwardRequest() throws Exception {
    Map<String, String> query = new HashMap<>();
    query.put("InstanceTypes.1", "ecs.g7.large");
    query.put("Name", "a b*c~d/é");
    query.put("Empty", "");
    query.put("PageSize", "50");
    Map<String, String> headers = new HashMap<>();
    headers.put("host", "127.0.0.1:8080");
    headers.put("x-acs-action", "DescribeInstanceTypes");
    headers.put("x-acs-version", "2014-05-26");
    headers.put("x-acs-date", "2025-06-01T12:00:00Z");
    headers.put("x-acs-signature-nonce", "nonce-1");
    headers.put("content-type", "application/json; charset=utf-8");
    headers.put("user-agent", "not signed");
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String payload = Acs3Signature.sha256Hex(body);
    headers.put("x-acs-content-sha256", payload);

    TeaRequest request = new TeaRequest();
    request.method = "POST";
    request.pathname = "/clusters/c-1/nodepools";
    request.query = query;
    request.headers = headers;
    String sdk =
        com.aliyun.openapiutil.Client.getAuthorization(
            request, Acs3Signature.ALGORITHM, payload, "AK", "SECRET");

    List<String> signed =
        List.of(
            "content-type",
            "host",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-signature-nonce",
            "x-acs-version");
    String ours =
        Acs3Signature.authorization(
            "AK",
            signed,
            Acs3Signature.signature(
                "SECRET",
                Acs3Signature.canonicalRequest(
                    "POST", request.pathname, query, headers, signed, payload)));

    assertThat(ours).isEqualTo(sdk);
    Acs3Signature.Parsed parsed = Acs3Signature.parse(sdk);
    assertThat(parsed.accessKeyId()).isEqualTo("AK");
    assertThat(parsed.signedHeaders()).isEqualTo(signed);
  }

  @Test
  void aDifferentSecretGivesADifferentSignature() {
    String canonical =
        Acs3Signature.canonicalRequest(
            "GET",
            "/",
            Map.of(),
            Map.of("host", "h"),
            List.of("host"),
            Acs3Signature.sha256Hex(new byte[0]));
    assertThat(Acs3Signature.signature("one", canonical))
        .isNotEqualTo(Acs3Signature.signature("two", canonical))
        .hasSize(64);
  }

  @Test
  void rejectsMalformedHeaders() {
    assertThat(Acs3Signature.parse(null)).isNull();
    assertThat(Acs3Signature.parse("acs AK:sig")).isNull();
    assertThat(Acs3Signature.parse("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host")).isNull();
    assertThat(
            Acs3Signature.parse(
                "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=ab,X=1"))
        .isNull();
  }
}
