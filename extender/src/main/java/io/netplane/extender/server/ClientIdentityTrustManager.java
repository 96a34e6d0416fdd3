package io.netplane.extender.server;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client certificates must chain to the client CA and name an allowed identity: a certificate the
 * same CA issued for another purpose (the server's own, say) fails the handshake.
 */
final class ClientIdentityTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(ClientIdentityTrustManager.class);
  private static final int DNS_NAME = 2;
  private static final int MAX_LOGGED_NAME = 80;
  private final X509ExtendedTrustManager chain;
  private final Set<String> allowed;

  ClientIdentityTrustManager(X509ExtendedTrustManager chain, Set<String> allowed) {
    this.chain = chain;
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
      throws CertificateException {
    chain.checkClientTrusted(certs, authType, engine);
    requireAllowed(certs[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
      throws CertificateException {
    chain.checkClientTrusted(certs, authType, socket);
    requireAllowed(certs[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType)
      throws CertificateException {
    chain.checkClientTrusted(certs, authType);
    requireAllowed(certs[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the extender trusts no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the extender trusts no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType)
      throws CertificateException {
    throw new CertificateException("the extender trusts no servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chain.getAcceptedIssuers();
  }

  private void requireAllowed(X509Certificate cert) throws CertificateException {
    List<String> names = names(cert);
    if (names.stream().noneMatch(allowed::contains)) {
      List<String> shown = names.stream().map(ClientIdentityTrustManager::printable).toList();
      LOG.warn(
          "TLS client refused: its certificate names {}, none of the allowed client names {}",
          shown,
          allowed);
      throw new CertificateException("client certificate names none of the allowed client names");
    }
  }

  /** The subject's common names and the DNS subject alternative names. */
  static List<String> names(X509Certificate cert) throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          names.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new CertificateParsingException("unreadable subject: " + e.getMessage());
    }
    Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
    if (alternatives != null) {
      for (List<?> alternative : alternatives) {
        if (alternative.get(0) instanceof Integer type && type == DNS_NAME) {
          names.add(String.valueOf(alternative.get(1)));
        }
      }
    }
    return names;
  }

  /**
   * A certificate name as short printable ASCII: it comes from the peer and must not forge log
   * lines.
   */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.chars()
        .limit(MAX_LOGGED_NAME)
        .forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return name.length() > MAX_LOGGED_NAME ? out.append("...").toString() : out.toString();
  }
}
