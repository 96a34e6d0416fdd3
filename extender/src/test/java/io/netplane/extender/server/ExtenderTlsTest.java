package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netplane.extender.TestData;
import io.netplane.extender.server.TestPki.Leaf;
import io.netplane.extender.server.TestPki.Usage;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class ExtenderTlsTest {
  private static final String SERVICE = "netplane-extender.netplane.svc";
  private static final String SCHEDULER = TlsOptions.DEFAULT_CLIENT_NAME;

  /** Generous: only a failing test waits this long, and handshakes are slow on a loaded machine. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private TestPki pki;
  private Path ca;
  private Path rotatedCa;
  private Leaf server;
  private Leaf scheduler;
  private ExtenderServer extender;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(TlsReloader.class);

  @BeforeEach
  void certificates() throws Exception {
    pki = new TestPki("netplane-ca");
    ca = pki.writeCa(dir.resolve("ca.crt"));
    rotatedCa = dir.resolve("rotated-ca.crt");
    server = pki.issue(dir, "tls", SERVICE, List.of(SERVICE), Usage.SERVER);
    scheduler = pki.issue(dir, "scheduler", SCHEDULER, List.of(), Usage.CLIENT);
    logs.start();
    reloaderLog.addAppender(logs);
  }

  @AfterEach
  void stop() throws Exception {
    reloaderLog.detachAppender(logs);
    if (extender != null) {
      extender.stop().await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private int start(Vertx vertx, boolean requireClientCert, int eventLoops) throws Exception {
    TlsOptions tls =
        new TlsOptions(
            server.cert(),
            server.key(),
            requireClientCert ? ca : null,
            Set.of(SCHEDULER),
            Duration.ofMillis(100));
    extender =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", 0, 1 << 20, eventLoops, tls));
    return extender.start().await(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static WebClientOptions trusting(int port, Path caCert) {
    return new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setSsl(true)
        .setVerifyHost(false)
        .setTrustOptions(new PemTrustOptions().addCertPath(caCert.toString()));
  }

  private static WebClientOptions as(Leaf client, WebClientOptions options) {
    return options.setKeyCertOptions(
        new PemKeyCertOptions()
            .setCertPath(client.cert().toString())
            .setKeyPath(client.key().toString()));
  }

  /** The call fails, and not by running out of time: the server answered with a refusal. */
  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call).isNotInstanceOf(TimeoutException.class);
  }

  private static int healthz(Vertx vertx, WebClientOptions options) throws Exception {
    WebClient client = WebClient.create(vertx, options);
    try {
      return client.get("/healthz").send().await(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode();
    } finally {
      client.close();
    }
  }

  @Test
  void servesHttps(Vertx vertx) throws Exception {
    int port = start(vertx, false, 1);
    assertThat(healthz(vertx, trusting(port, ca))).isEqualTo(200);
  }

  @Test
  void withMutualTlsAClientWithoutCertificateIsRefused(Vertx vertx) throws Exception {
    int port = start(vertx, true, 1);
    assertRefused(() -> healthz(vertx, trusting(port, ca)));
    assertThat(healthz(vertx, as(scheduler, trusting(port, ca)))).isEqualTo(200);
  }

  @Test
  void aCertificateOfTheSameCaForAnotherIdentityIsRefused(Vertx vertx) throws Exception {
    int port = start(vertx, true, 1);
    Leaf other =
        pki.issue(
            dir, "other", "some-workload", List.of("some-workload.default.svc"), Usage.CLIENT);
    assertRefused(() -> healthz(vertx, as(other, trusting(port, ca))));
    // the extender's own serving certificate, presented as a client certificate: refused for
    // its usage, and when it carries both usages (as Helm's genSignedCert issues), for its name
    assertRefused(() -> healthz(vertx, as(server, trusting(port, ca))));
    Leaf serverForAnyUse = pki.issue(dir, "server-any-use", SERVICE, List.of(SERVICE), Usage.BOTH);
    assertRefused(() -> healthz(vertx, as(serverForAnyUse, trusting(port, ca))));
    Leaf bySan = pki.issue(dir, "by-san", "another-cn", List.of(SCHEDULER), Usage.CLIENT);
    assertThat(healthz(vertx, as(bySan, trusting(port, ca)))).isEqualTo(200);
  }

  @Test
  void onlyTls13IsOfferedSoThereIsNoRenegotiation(Vertx vertx) throws Exception {
    int port = start(vertx, false, 1);
    SSLContext context = TestPki.trusting(ca);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setSoTimeout(5000);
      // before: the TLS 1.2 handshake and a client-initiated renegotiation both succeeded
      assertThatThrownBy(
              () -> {
                socket.startHandshake();
                socket.startHandshake();
                socket
                    .getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                socket.getInputStream().read();
              })
          .isInstanceOf(SSLException.class);
    }
    assertThat(healthz(vertx, trusting(port, ca))).isEqualTo(200);
  }

  @Test
  void aRotatedCertificateIsServedWithoutRestart(Vertx vertx) throws Exception {
    int port = start(vertx, false, 2);
    Leaf rotated = rotatedServerPair();
    // key first, then certificate: the reload sees a matching pair once both changed
    copyOver(rotated.key(), server.key());
    copyOver(rotated.cert(), server.cert());
    awaitServedBy(vertx, port, rotatedCa);
  }

  @Test
  void aCertificateWrittenBeforeItsKeyIsNotServedUntilTheKeyArrives(Vertx vertx) throws Exception {
    int port = start(vertx, false, 2);
    Leaf rotated = rotatedServerPair();
    copyOver(rotated.cert(), server.cert());
    await().atMost(WAIT).until(() -> warnings().size() == 1);
    // five more reload intervals with the same mismatched pair: still the one line
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> warnings().size() == 1);
    for (int i = 0; i < 8; i++) {
      assertThat(healthz(vertx, trusting(port, ca))).isEqualTo(200);
    }
    assertThat(warnings())
        .singleElement()
        .satisfies(
            line -> assertThat(line).contains("is not the private key of").doesNotContain("\n"));
    assertThat(logged()).allMatch(e -> e.getThrowableProxy() == null);

    copyOver(rotated.key(), server.key());
    awaitServedBy(vertx, port, rotatedCa);
  }

  @Test
  void aCertificateThatDoesNotParseIsReportedOnceWithSeveralEventLoopsAndTheOldPairKeepsServing(
      Vertx vertx) throws Exception {
    int port = start(vertx, true, 4);
    Files.writeString(server.cert(), "not a certificate");
    await().atMost(WAIT).until(() -> warnings().size() == 1);
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> warnings().size() == 1);
    assertThat(warnings())
        .singleElement()
        .satisfies(line -> assertThat(line).contains(server.cert().toString()));
    assertThat(logged()).allMatch(e -> e.getThrowableProxy() == null);
    for (int i = 0; i < 8; i++) {
      assertThat(healthz(vertx, as(scheduler, trusting(port, ca)))).isEqualTo(200);
    }
  }

  @Test
  void aKeyThatDoesNotMatchIsRefusedAtStart(Vertx vertx) {
    TlsOptions tls =
        new TlsOptions(server.cert(), scheduler.key(), null, Set.of(), Duration.ofSeconds(1));
    extender =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", 0, 1 << 20, 1, tls));
    assertThatThrownBy(() -> extender.start().await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(scheduler.key() + " is not the private key of " + server.cert());
    extender = null;
  }

  @Test
  void certificateNamesAreTheCommonNameAndTheDnsAlternativeNames() throws Exception {
    Leaf both = pki.issue(dir, "both", "cn-name", List.of("san-a", "san-b"), Usage.CLIENT);
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(both.cert()));
    assertThat(ClientIdentityTrustManager.names(cert)).containsExactly("cn-name", "san-a", "san-b");
  }

  /**
   * A serving pair for the same name from another CA, whose certificate goes to {@link #rotatedCa}.
   */
  private Leaf rotatedServerPair() throws Exception {
    TestPki other = new TestPki("rotated-ca");
    other.writeCa(rotatedCa);
    return other.issue(dir, "rotated", SERVICE, List.of(SERVICE), Usage.SERVER);
  }

  /**
   * Waits until the server presents a certificate of {@code caFile}, then checks every event loop
   * does.
   */
  private static void awaitServedBy(Vertx vertx, int port, Path caFile) throws Exception {
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(healthz(vertx, trusting(port, caFile))).isEqualTo(200));
    for (int i = 0; i < 8; i++) {
      assertThat(healthz(vertx, trusting(port, caFile))).isEqualTo(200);
    }
  }

  /**
   * The logged events so far; the appender adds to its list under its own lock, from event loops.
   */
  private List<ILoggingEvent> logged() {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  private List<String> warnings() {
    return logged().stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private void copyOver(Path from, Path to) throws Exception {
    Path tmp = dir.resolve(to.getFileName() + ".new");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void missingFilesAreReportedTogether() {
    TlsOptions tls =
        new TlsOptions(
            dir.resolve("none.crt"),
            dir.resolve("none.key"),
            dir.resolve("none-ca.crt"),
            Set.of(SCHEDULER),
            Duration.ofSeconds(1));
    assertThat(tls.errors()).hasSize(3).allMatch(e -> e.contains("not readable"));
  }

  @Test
  void aClientCaNeedsClientNames() {
    TlsOptions tls =
        new TlsOptions(server.cert(), server.key(), ca, Set.of(), Duration.ofSeconds(1));
    assertThat(tls.errors())
        .singleElement()
        .asString()
        .contains("client certificate names must be non-empty");
  }
}
