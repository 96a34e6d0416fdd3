package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netplane.extender.TestData;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ExtenderTlsTest {
  @TempDir Path dir;

  private final SelfSignedCertificate server = SelfSignedCertificate.create("localhost");
  private final SelfSignedCertificate client = SelfSignedCertificate.create("kube-scheduler");
  private ExtenderServer extender;

  @AfterEach
  void stop() throws Exception {
    if (extender != null) {
      extender.stop().await(10, TimeUnit.SECONDS);
    }
    server.delete();
    client.delete();
  }

  private int start(Vertx vertx, boolean requireClientCert) throws Exception {
    Path cert = copy(server.certificatePath(), "tls.crt");
    Path key = copy(server.privateKeyPath(), "tls.key");
    Path ca = requireClientCert ? copy(client.certificatePath(), "client-ca.crt") : null;
    TlsOptions tls = new TlsOptions(cert, key, ca, Duration.ofMillis(100));
    extender = new ExtenderServer(vertx, DeciderSource.fixed(TestData.cluster()), new ServerOptions("127.0.0.1", 0, 1 << 20, 1, tls));
    return extender.start().await(10, TimeUnit.SECONDS);
  }

  private Path copy(String from, String name) throws Exception {
    return Files.copy(Path.of(from), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebClientOptions trusting(int port, String certPath) {
    return new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setSsl(true)
        .setVerifyHost(false).setTrustOptions(new PemTrustOptions().addCertPath(certPath));
  }

  private static int healthz(Vertx vertx, WebClientOptions options) throws Exception {
    return WebClient.create(vertx, options).get("/healthz").send().await(10, TimeUnit.SECONDS).statusCode();
  }

  @Test
  void servesHttps(Vertx vertx) throws Exception {
    int port = start(vertx, false);
    assertThat(healthz(vertx, trusting(port, server.certificatePath()))).isEqualTo(200);
  }

  @Test
  void withMutualTlsAClientWithoutCertificateIsRefused(Vertx vertx) throws Exception {
    int port = start(vertx, true);
    assertThatThrownBy(() -> healthz(vertx, trusting(port, server.certificatePath()))).isNotNull();
    WebClientOptions withCert = trusting(port, server.certificatePath()).setKeyCertOptions(client.keyCertOptions());
    assertThat(healthz(vertx, withCert)).isEqualTo(200);
  }

  @Test
  void aRotatedCertificateIsServedWithoutRestart(Vertx vertx) throws Exception {
    int port = start(vertx, false);
    SelfSignedCertificate rotated = SelfSignedCertificate.create("localhost");
    try {
      // key first, then certificate: the reload sees a matching pair once both changed
      copyOver(rotated.privateKeyPath(), "tls.key");
      copyOver(rotated.certificatePath(), "tls.crt");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(healthz(vertx, trusting(port, rotated.certificatePath()).setConnectTimeout(2000))).isEqualTo(200));
    } finally {
      rotated.delete();
    }
  }

  private void copyOver(String from, String name) throws Exception {
    Path tmp = dir.resolve(name + ".new");
    Files.copy(Path.of(from), tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void missingFilesAreReportedTogether() {
    TlsOptions tls = new TlsOptions(dir.resolve("none.crt"), dir.resolve("none.key"), dir.resolve("none-ca.crt"), Duration.ofSeconds(1));
    assertThat(tls.errors()).hasSize(3).allMatch(e -> e.contains("not readable"));
  }
}
