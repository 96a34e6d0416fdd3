package io.netplane.extender.server;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

  /** Changes whenever one of the files does: modification times and sizes. */
  String fingerprint() {
    StringBuilder sb = new StringBuilder();
    for (Path p : clientCaFile == null ? List.of(certFile, keyFile) : List.of(certFile, keyFile, clientCaFile)) {
      try {
        sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p)).append(';');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sb.toString();
  }
}
