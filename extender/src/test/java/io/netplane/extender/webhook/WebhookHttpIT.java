package io.netplane.extender.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.extender.server.ConnectionLimits;
import io.netplane.extender.server.LogCapture;
import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.server.TestPki;
import io.netplane.extender.server.TestPki.Leaf;
import io.netplane.extender.server.TlsOptions;
import io.vertx.core.Vertx;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's HTTP layer over real HTTPS: reviews as kube-apiserver sends them, and hostile
 * bodies, which get HTTP 400 with a JSON reason (or an AdmissionReview answer), never a 5xx, while
 * the server goes on answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookHttpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY = 64 * 1024;

  @TempDir static Path dir;
  private Vertx vertx;
  private WebhookServer webhook;
  private HttpClient https;
  private SSLContext tls;
  private int mutatePort;
  private String mutateUrl;
  private String healthUrl;

  @BeforeAll
  void start() throws Exception {
    TestPki pki = new TestPki("webhook-ca");
    Path ca = pki.writeCa(dir.resolve("ca.crt"));
    Leaf serving = pki.issue(dir, "webhook", "webhook", List.of("127.0.0.1"), TestPki.Usage.SERVER);
    vertx = Vertx.vertx();
    webhook = webhook(serving.cert(), serving.key(), Duration.ofSeconds(1), true);
    int port = webhook.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mutatePort = port;
    mutateUrl = "https://127.0.0.1:" + port + "/mutate";
    healthUrl = "http://127.0.0.1:" + webhook.healthPort();
    tls = TestPki.trusting(ca);
    https = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook == null) {
      return;
    }
    webhook.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A webhook on 127.0.0.1 with these files, and with a health port when {@code health}. */
  private WebhookServer webhook(Path cert, Path key, Duration reload, boolean health) {
    ConnectionLimits limits = ConnectionLimits.withDefaultTimeouts(16);
    return new WebhookServer(
        vertx,
        "netplane-scheduler",
        new ServerOptions(
            "127.0.0.1", 0, MAX_BODY, 1, new TlsOptions(cert, key, null, Set.of(), reload), limits),
        health ? new ServerOptions("127.0.0.1", 0, 1, 1, null, limits) : null);
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return https.send(
        HttpRequest.newBuilder(URI.create(mutateUrl))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  /** The counter's value in the health port's scrape, 0 when absent. */
  private double scraped(String series) throws Exception {
    return get(healthUrl + "/metrics")
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .sum();
  }

  @Test
  void aPodCreationIsPatchedAndItsUidEchoed() throws Exception {
    String assigned = "netplane_webhook_reviews_total{outcome=\"assigned\"}";
    double before = scraped(assigned);
    HttpResponse<String> response =
        post(AdmissionReviewCodecTest.podCreation("{\"schedulerName\":\"default-scheduler\"}"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode answer = JSON.readTree(response.body()).path("response");
    assertThat(answer.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(answer.path("allowed").asBoolean()).isTrue();
    assertThat(new String(Base64.getDecoder().decode(answer.path("patch").asText())))
        .contains("\"value\":\"netplane-scheduler\"");
    assertThat(scraped(assigned)).isEqualTo(before + 1);
  }

  @Test
  void aReviewOfSomethingElseIsAllowedUnchanged() throws Exception {
    for (String review :
        List.of(
            AdmissionReviewCodecTest.review("u1", "UPDATE", "pods", null, "{}"),
            AdmissionReviewCodecTest.review("u2", "CREATE", "pods", "ephemeralcontainers", "{}"),
            AdmissionReviewCodecTest.podCreation("{\"schedulerName\":\"volcano\"}"),
            AdmissionReviewCodecTest.podCreation(null))) {
      HttpResponse<String> response = post(review);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body()).path("response");
      assertThat(answer.path("allowed").asBoolean()).isTrue();
      assertThat(answer.has("patch")).isFalse();
    }
  }

  @Test
  void hostileBodiesGet400WithAReasonAndTheServerGoesOn() throws Exception {
    double before = scraped("netplane_webhook_bad_requests_total");
    List<byte[]> bodies =
        List.of(
            new byte[0],
            "{\"apiVersion\":\"admission.k8s.io/v1\",".getBytes(StandardCharsets.UTF_8),
            "\u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1),
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}"
                .getBytes(StandardCharsets.UTF_8),
            AdmissionReviewCodecTest.podCreation("{}")
                .replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1")
                .getBytes(StandardCharsets.UTF_8),
            AdmissionReviewCodecTest.review("", "CREATE", "pods", null, "{}")
                .getBytes(StandardCharsets.UTF_8),
            ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8),
            ("{\"apiVersion\":\"" + "x".repeat((int) MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    for (byte[] body : bodies) {
      HttpResponse<String> response = post(body);
      assertThat(response.statusCode()).as("%d-byte body", body.length).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).path("error").asText())
          .as("a one-line reason")
          .isNotBlank()
          .doesNotContain("\n")
          .hasSizeLessThan(600);
    }
    assertThat(JSON.readTree(post(new byte[(int) MAX_BODY + 1]).body()).path("error").asText())
        .contains("over " + MAX_BODY + " bytes");
    assertThat(scraped("netplane_webhook_bad_requests_total"))
        .as("the body over the limit is refused before the webhook reads it")
        .isEqualTo(before + bodies.size() - 1);
    assertThat(post(AdmissionReviewCodecTest.podCreation("{}")).statusCode()).isEqualTo(200);
  }

  @Test
  void otherRoutesAndMethodsGetJsonErrors() throws Exception {
    HttpResponse<String> get =
        https.send(
            HttpRequest.newBuilder(URI.create(mutateUrl)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(get.body()).path("error").asText()).contains("GET");
    HttpResponse<String> elsewhere =
        https.send(
            HttpRequest.newBuilder(URI.create(mutateUrl.replace("/mutate", "/validate")))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(elsewhere.body()).path("error").asText()).contains("/validate");
  }

  @Test
  void aPathThatCannotBeDecodedGets400WithAReasonAndNoErrorLine() throws Exception {
    try (LogCapture log = new LogCapture();
        Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", mutatePort)) {
      socket
          .getOutputStream()
          .write(
              ("POST /%zz HTTP/1.1\r\nHost: webhook\r\nContent-Length: 2\r\n"
                      + "Connection: close\r\n\r\n{}")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("malformed path");
      assertThat(log.atLeast(Level.ERROR)).isEmpty();
    }
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    TestPki pki = new TestPki("webhook-ca");
    Path renewal = Files.createDirectories(dir.resolve("renewal"));
    Leaf first = pki.issue(renewal, "first", "webhook", List.of("127.0.0.1"), TestPki.Usage.SERVER);
    Path certFile = Files.copy(first.cert(), renewal.resolve("tls.crt"));
    Path keyFile = Files.copy(first.key(), renewal.resolve("tls.key"));
    WebhookServer renewing = webhook(certFile, keyFile, Duration.ofMillis(200), false);
    int port = renewing.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      TestPki other = new TestPki("renewed-ca");
      Leaf renewed =
          other.issue(renewal, "renewed", "webhook", List.of("127.0.0.1"), TestPki.Usage.SERVER);
      HttpClient trustingRenewed =
          HttpClient.newBuilder()
              .sslContext(TestPki.trusting(other.writeCa(renewal.resolve("renewed-ca.crt"))))
              .build();
      HttpRequest review =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/mutate"))
              .POST(HttpRequest.BodyPublishers.ofString(AdmissionReviewCodecTest.podCreation("{}")))
              .build();
      // the key first, as a rotation may leave them: a pair that does not match is not applied
      Files.copy(renewed.key(), keyFile, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.cert(), certFile, StandardCopyOption.REPLACE_EXISTING);
      await("the renewed certificate served")
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  trustingRenewed.send(review, HttpResponse.BodyHandlers.ofString()).statusCode()
                      == 200);
    } finally {
      renewing.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theHealthPortAnswersProbesAndScrapesButNoReviews() throws Exception {
    assertThat(get(healthUrl + "/healthz")).contains("ok");
    assertThat(get(healthUrl + "/readyz")).contains("ready");
    assertThat(get(healthUrl + "/metrics"))
        .contains("netplane_webhook_request_duration_seconds_bucket")
        .contains("netplane_build_info")
        .contains("netplane_extender_open_connections{listener=\"webhook\"}");
    HttpResponse<String> review =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(healthUrl + "/mutate"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            AdmissionReviewCodecTest.podCreation("{}")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(review.statusCode()).isEqualTo(404);
  }
}
