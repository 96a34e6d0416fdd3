package io.netplane.extender.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

/**
 * One read of the TLS files, checked before it is served: the certificate and CA parse, and the
 * private key belongs to the certificate. The server gets the bytes that were checked, not the
 * paths, so a file replaced between the check and the use cannot slip through.
 *
 * @param fingerprint digest of the files' contents: modification times can be coarser than a quick
 *     rotation, and a rotated certificate often has the same size as the old one
 */
record TlsMaterial(String fingerprint, ServerSSLOptions sslOptions) {

  /** Why a set of TLS files cannot be served; the message is one line naming the file. */
  static final class InvalidTlsFiles extends Exception {
    /**
     * Of the files read, or of the failure to read them: the same broken files are reported once.
     */
    final String fingerprint;

    InvalidTlsFiles(String fingerprint, String message) {
      super(message);
      this.fingerprint = fingerprint;
    }
  }

  /** Reads the files (blocking) and checks them; files that cannot be served are a usage error. */
  static TlsMaterial readAtStart(TlsOptions tls, Vertx vertx) {
    try {
      return readIfChanged(tls, vertx, null).orElseThrow();
    } catch (InvalidTlsFiles e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Reads the files (blocking); empty when their fingerprint is {@code known}, else checks them.
   */
  static Optional<TlsMaterial> readIfChanged(TlsOptions tls, Vertx vertx, String known)
      throws InvalidTlsFiles {
    List<byte[]> contents = new ArrayList<>();
    for (Path file : tls.files()) {
      try {
        contents.add(Files.readAllBytes(file));
      } catch (IOException e) {
        String message = file + " is not readable (" + e.getClass().getSimpleName() + ")";
        throw new InvalidTlsFiles(message, message);
      }
    }
    String fingerprint = fingerprint(contents);
    if (fingerprint.equals(known)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TlsMaterial(fingerprint, sslOptions(tls, vertx, contents)));
    } catch (InvalidFile e) {
      throw new InvalidTlsFiles(fingerprint, e.getMessage());
    }
  }

  /** A problem with one of the files read, before its fingerprint is attached. */
  private static final class InvalidFile extends Exception {
    InvalidFile(String message) {
      super(message);
    }
  }

  private static ServerSSLOptions sslOptions(TlsOptions tls, Vertx vertx, List<byte[]> contents)
      throws InvalidFile {
    byte[] cert = contents.get(0);
    byte[] key = contents.get(1);
    X509Certificate leaf = certificates(cert, tls.certFile()).get(0);
    X509KeyManager keys = keyManager(cert, key, tls, vertx);
    requireKeyOf(leaf, privateKey(keys, leaf, tls), tls);
    // The key manager built here, not the PEM: Vert.x would rebuild its key store (a slow
    // key derivation) on an event loop at the first handshake of each.
    ServerSSLOptions ssl =
        new ServerSSLOptions()
            .setKeyCertOptions(KeyCertOptions.wrap(keys))
            .setEnabledSecureTransportProtocols(Set.of(TlsOptions.PROTOCOL));
    if (tls.clientCaFile() != null) {
      ssl.setTrustOptions(
              TrustOptions.wrap(
                  clientTrust(
                      certificates(contents.get(2), tls.clientCaFile()), tls.clientNames())))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return ssl;
  }

  private static String fingerprint(List<byte[]> contents) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] content : contents) {
        digest.update(content);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static List<X509Certificate> certificates(byte[] pem, Path file) throws InvalidFile {
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (var cert :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        certs.add((X509Certificate) cert);
      }
      if (certs.isEmpty()) {
        throw new InvalidFile(file + " holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException e) {
      throw new InvalidFile(file + " is not a PEM certificate: " + e.getMessage());
    }
  }

  private static X509KeyManager keyManager(byte[] cert, byte[] key, TlsOptions tls, Vertx vertx)
      throws InvalidFile {
    PemKeyCertOptions pem =
        new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
    try {
      return (X509KeyManager) pem.getKeyManagerFactory(vertx).getKeyManagers()[0];
    } catch (Exception e) {
      throw new InvalidFile(
          tls.keyFile()
              + " is not a PEM private key for "
              + tls.certFile()
              + ": "
              + e.getMessage());
    }
  }

  private static PrivateKey privateKey(X509KeyManager keys, X509Certificate leaf, TlsOptions tls)
      throws InvalidFile {
    String[] aliases = keys.getServerAliases(leaf.getPublicKey().getAlgorithm(), null);
    if (aliases == null || aliases.length == 0) {
      throw new InvalidFile(
          tls.keyFile()
              + " is not a "
              + leaf.getPublicKey().getAlgorithm()
              + " key as "
              + tls.certFile()
              + " needs");
    }
    return keys.getPrivateKey(aliases[0]);
  }

  /** Signs a random challenge with the key and verifies it with the certificate's public key. */
  private static void requireKeyOf(X509Certificate leaf, PrivateKey key, TlsOptions tls)
      throws InvalidFile {
    PublicKey publicKey = leaf.getPublicKey();
    String algorithm =
        switch (publicKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> publicKey.getAlgorithm();
          default ->
              throw new InvalidFile(
                  tls.certFile()
                      + " has a "
                      + publicKey.getAlgorithm()
                      + " key; RSA, EC and EdDSA are supported");
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new InvalidFile(tls.keyFile() + " is not the private key of " + tls.certFile());
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidFile(
          tls.keyFile() + " is not the private key of " + tls.certFile() + ": " + e.getMessage());
    }
  }

  private static X509ExtendedTrustManager clientTrust(
      List<X509Certificate> cas, Set<String> clientNames) throws InvalidFile {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (var manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return new ClientIdentityTrustManager(x509, clientNames);
        }
      }
      throw new IllegalStateException(
          "the PKIX trust manager factory made no X509ExtendedTrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidFile("client CA certificates cannot be trusted: " + e.getMessage());
    }
  }
}
