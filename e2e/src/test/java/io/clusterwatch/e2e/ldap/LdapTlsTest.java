package io.clusterwatch.e2e.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LdapSettings;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.clusterwatch.hub.auth.ldap.LdapDirectory;
import io.clusterwatch.hub.auth.ldap.LdapPasswordCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * LDAP over TLS against a real slapd with a certificate made in the test, which refuses simple
 * binds without TLS: ldaps:// and StartTLS trusting {@code ca_file}, and the refusals of an
 * untrusted certificate and of one made out for another address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapTlsTest {
  private Vertx vertx;
  private Slapd slapd;
  private Slapd otherName;
  private TestCertificate certificate;
  private TestCertificate otherCertificate;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Slapd.requireInstalled();
    certificate = TestCertificate.create(Files.createDirectories(dir.resolve("cert")), "127.0.0.1");
    slapd = Slapd.start(dir.resolve("slapd"), certificate);
    // listens on 127.0.0.1 but its certificate names 127.0.0.2
    otherCertificate =
        TestCertificate.create(Files.createDirectories(dir.resolve("other")), "127.0.0.2");
    otherName = Slapd.start(dir.resolve("slapd-other"), otherCertificate);
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    for (Slapd s : new Slapd[] {slapd, otherName}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private LdapPasswordCheck check(String url, boolean startTls, Path caFile) {
    return new LdapPasswordCheck(
        vertx,
        LdapDirectory.of(
            new LdapSettings(
                url,
                startTls,
                caFile == null ? null : caFile.toString(),
                "uid={user},ou=people," + Slapd.SUFFIX,
                Slapd.SUFFIX,
                null,
                null,
                null,
                "(|(member={dn})(memberUid={user}))",
                null,
                Duration.ofSeconds(5))));
  }

  @Test
  void ldapsTrustingTheCaFileLogsIn() {
    LdapPasswordCheck ldaps = check(slapd.ldapsUrl(), false, certificate.certFile());
    Identity alice = ldaps.check("alice", "alice-pw").await();
    assertEquals(Set.of("instructors"), alice.groups());
    assertInstanceOf(LoginRefusedException.class, outcome(ldaps.check("alice", "bob-pw")));
  }

  @Test
  void startTlsTrustingTheCaFileLogsIn() {
    LdapPasswordCheck startTls = check(slapd.url(), true, certificate.certFile());
    Identity bob = startTls.check("bob", "bob-pw").await();
    assertEquals(Set.of("hpc-ops"), bob.groups());
    assertInstanceOf(LoginRefusedException.class, outcome(startTls.check("bob", "alice-pw")));
  }

  @Test
  void withoutTlsThisDirectoryRefusesTheBind() {
    Throwable plain = outcome(check(slapd.url(), false, null).check("alice", "alice-pw"));
    assertNotNull(plain, "a simple bind in clear text must not succeed here");
    assertTrue(String.valueOf(plain).contains("onfidentiality"), String.valueOf(plain));
  }

  @Test
  void anUntrustedCertificateIsADirectoryFailure() {
    // the JVM's trust store does not know the test's self-signed certificate
    for (LdapPasswordCheck untrusted :
        new LdapPasswordCheck[] {
          check(slapd.ldapsUrl(), false, null), check(slapd.url(), true, null)
        }) {
      Throwable failure = outcome(untrusted.check("alice", "alice-pw"));
      assertInstanceOf(javax.naming.NamingException.class, failure);
      assertTrue(causes(failure).contains("PKIX"), causes(failure));
    }
  }

  @Test
  void aCertificateForAnotherAddressIsRefusedEvenWhenItsCaIsTrusted() {
    for (LdapPasswordCheck misnamed :
        new LdapPasswordCheck[] {
          check(otherName.ldapsUrl(), false, otherCertificate.certFile()),
          check(otherName.url(), true, otherCertificate.certFile())
        }) {
      Throwable failure = outcome(misnamed.check("alice", "alice-pw"));
      assertInstanceOf(javax.naming.NamingException.class, failure);
      assertTrue(causes(failure).contains("match"), causes(failure));
    }
  }

  /** The messages of a failure and its causes (JNDI keeps the TLS error as the root cause). */
  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append('\n');
    }
    return b.toString();
  }

  private static Throwable outcome(Future<?> f) {
    try {
      f.await();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
