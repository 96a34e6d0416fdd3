package io.netplane.extender.server;

import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA issuing certificates with chosen names (an IPv4 literal becomes an IP address subject
 * alternative name) and extended key usages, as PEM files.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private final KeyPair caKeys = ecKeys();
  private final X500Name caName;
  private final X509CertificateHolder caCert;

  public TestPki(String caCommonName) throws Exception {
    caName = new X500Name("CN=" + caCommonName);
    caCert = sign(caName, caKeys, List.of(), null, true);
  }

  /** A leaf pair: {@code <name>.crt} and {@code <name>.key} in {@code dir}. */
  public record Leaf(Path cert, Path key) {}

  public enum Usage {
    SERVER(KeyPurposeId.id_kp_serverAuth),
    CLIENT(KeyPurposeId.id_kp_clientAuth),
    /** What Helm's genSignedCert issues. */
    BOTH(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);

    final KeyPurposeId[] ids;

    Usage(KeyPurposeId... ids) {
      this.ids = ids;
    }
  }

  /** A client's TLS context that trusts the CA certificate in {@code caCert} and nothing else. */
  public static SSLContext trusting(Path caCert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  public Path writeCa(Path file) throws Exception {
    Files.writeString(file, pem(caCert));
    return file;
  }

  public Leaf issue(Path dir, String name, String commonName, List<String> dnsNames, Usage usage)
      throws Exception {
    KeyPair keys = ecKeys();
    X509CertificateHolder cert =
        sign(new X500Name("CN=" + commonName), keys, dnsNames, usage, false);
    Path certFile = dir.resolve(name + ".crt");
    Path keyFile = dir.resolve(name + ".key");
    Files.writeString(certFile, pem(cert));
    Files.writeString(keyFile, pem(keys.getPrivate()));
    return new Leaf(certFile, keyFile);
  }

  private X509CertificateHolder sign(
      X500Name subject, KeyPair keys, List<String> dnsNames, Usage usage, boolean ca)
      throws Exception {
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
                ca ? subject : caName,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                subject,
                keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage.ids));
    }
    if (!dnsNames.isEmpty()) {
      GeneralName[] names =
          dnsNames.stream()
              .map(
                  n ->
                      new GeneralName(
                          n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
                              ? GeneralName.iPAddress
                              : GeneralName.dNSName,
                          n))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    PrivateKey signer = ca ? keys.getPrivate() : caKeys.getPrivate();
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(
          object instanceof PrivateKey key
              ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
              : object);
    }
    return out.toString();
  }
}
