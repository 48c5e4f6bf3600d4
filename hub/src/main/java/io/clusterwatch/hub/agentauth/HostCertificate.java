package io.clusterwatch.hub.agentauth;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The host names an agent's client certificate vouches for: its subject's common names and its DNS
 * subject alternative names. A claimed host must equal one of them, without regard to case; no
 * wildcards, since a node certificate names one node.
 */
public final class HostCertificate {
  /** subjectAltName type 2: dNSName (RFC 5280 section 4.2.1.6). */
  private static final int DNS_NAME = 2;

  private HostCertificate() {}

  /** True when the leaf of {@code chain} names {@code host}. */
  public static boolean names(List<Certificate> chain, String host) {
    if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      return false;
    }
    String wanted = host.toLowerCase(Locale.ROOT);
    for (String name : names(leaf)) {
      if (name.toLowerCase(Locale.ROOT).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** The common names and DNS names of {@code cert}. */
  static List<String> names(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          names.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      // a subject the JDK itself wrote cannot be unreadable; keep the DNS names
    }
    try {
      Collection<List<?>> alt = cert.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> entry : alt) {
          if (entry.size() >= 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0))) {
            names.add(entry.get(1).toString());
          }
        }
      }
    } catch (CertificateParsingException e) {
      // an unreadable extension vouches for nothing
    }
    return names;
  }
}
