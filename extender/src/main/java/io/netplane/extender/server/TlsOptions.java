package io.netplane.extender.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTTPS for the extender, matching kube-scheduler's {@code tlsConfig}: a PEM certificate and key,
 * and, when {@code clientCaFile} is set, client certificates required, verified against it and
 * accepted only when they name one of {@code clientNames} (mTLS). Only TLS 1.3 is offered: it has
 * no renegotiation, and every kube-scheduler speaks it. Files are re-read when they change, so
 * rotated certificates apply without a restart; a pair that does not load is not applied.
 *
 * @param clientNames identities (subject CN or DNS subject alternative name) a client certificate
 *     must carry one of; required with {@code clientCaFile}, meaningless without it
 */
public record TlsOptions(
    Path certFile,
    Path keyFile,
    Path clientCaFile,
    Set<String> clientNames,
    Duration reloadInterval) {

  /** The identity of the client certificate the Helm chart issues to its kube-scheduler. */
  public static final String DEFAULT_CLIENT_NAME = "netplane-scheduler-client";

  /** The only protocol offered: TLS 1.2 would allow client-initiated renegotiation. */
  static final String PROTOCOL = "TLSv1.3";

  public TlsOptions {
    clientNames = clientNames == null ? Set.of() : Set.copyOf(clientNames);
  }

  /** Every problem with the settings and files, at once; empty when usable. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    check("certificate", certFile, errors);
    check("private key", keyFile, errors);
    if (clientCaFile != null) {
      check("client CA", clientCaFile, errors);
      if (clientNames.isEmpty() || clientNames.stream().anyMatch(String::isBlank)) {
        errors.add(
            "client certificate names must be non-empty with a client CA, got " + clientNames);
      }
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

  /** The files this reads, in a fixed order. */
  List<Path> files() {
    return clientCaFile == null
        ? List.of(certFile, keyFile)
        : List.of(certFile, keyFile, clientCaFile);
  }
}
