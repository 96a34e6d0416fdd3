package io.netplane.extender.server;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * HTTPS for the extender, matching kube-scheduler's {@code tlsConfig}: a PEM certificate and key,
 * and, when {@code clientCaFile} is set, client certificates required and verified against it
 * (mTLS). Files are re-read when they change, so rotated certificates apply without a restart.
 */
public record TlsOptions(Path certFile, Path keyFile, Path clientCaFile, Duration reloadInterval) {

  /** Every problem with the files, at once; empty when usable. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    check("certificate", certFile, errors);
    check("private key", keyFile, errors);
    if (clientCaFile != null) {
      check("client CA", clientCaFile, errors);
    }
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      errors.add("TLS reload interval must be positive, got " + reloadInterval);
    }
    return errors;
  }

  private static void check(String what, Path file, List<String> errors) {
    if (file == null) {
      errors.add(what + " file is required for TLS");
    } else if (!Files.isReadable(file)) {
      errors.add(what + " file " + file + " is not readable");
    }
  }

  ServerSSLOptions sslOptions() {
    ServerSSLOptions ssl =
        new ServerSSLOptions()
            .setKeyCertOptions(
                new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString()));
    if (clientCaFile != null) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(clientCaFile.toString()))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return ssl;
  }

  /**
   * A digest of the files' contents: modification times can be coarser than a quick rotation, and
   * a rotated certificate often has the same size as the old one.
   */
  String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path p : clientCaFile == null ? List.of(certFile, keyFile) : List.of(certFile, keyFile, clientCaFile)) {
        digest.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
