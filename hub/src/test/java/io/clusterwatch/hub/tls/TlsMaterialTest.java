package io.clusterwatch.hub.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.tls.TestCertificates;
import io.clusterwatch.hub.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot serve TLS stop the hub at start, with the key of the file at fault. */
class TlsMaterialTest {
  @TempDir Path dir;
  private TestCertificates certs;
  private TestCertificates.Authority ca;
  private TestCertificates.Issued hub;

  @BeforeEach
  void certificates() {
    certs = new TestCertificates(dir);
    ca = certs.authority("site");
    hub = certs.localhost(ca);
  }

  private static ConfigException refused(Path cert, Path key, Path clientCa) {
    return assertThrows(
        ConfigException.class,
        () ->
            TlsMaterial.load(
                new TlsSettings(
                    cert.toString(),
                    key.toString(),
                    clientCa == null ? null : clientCa.toString(),
                    null)));
  }

  @Test
  void aChainFileAndAnRsaKeyAreAccepted() throws Exception {
    TestCertificates.Issued rsa =
        certs.issue(ca, "localhost", java.util.List.of("localhost"), TestCertificates.KeyType.RSA);
    Path chain = dir.resolve("chain.pem");
    Files.writeString(chain, Files.readString(rsa.cert()) + Files.readString(ca.cert()));
    TlsMaterial m =
        TlsMaterial.load(
            new TlsSettings(chain.toString(), rsa.key().toString(), ca.cert().toString(), null));
    assertEquals(2, m.server().chain().size());
    assertEquals("RSA", m.server().key().getAlgorithm());
  }

  @Test
  void aMissingCertificate() {
    Path missing = dir.resolve("missing.crt");
    ConfigException e = refused(missing, hub.key(), null);
    assertEquals("server.tls.cert_file", e.key());
    assertEquals(missing + ": no such file", e.problem());
  }

  @Test
  void aKeyFileWithoutAKey() {
    ConfigException e = refused(hub.cert(), hub.cert(), null);
    assertEquals("server.tls.key_file", e.key());
    assertEquals(hub.cert() + ": no '-----BEGIN PRIVATE KEY-----' block", e.problem());
  }

  @Test
  void aKeyOfAnotherCertificate() {
    TestCertificates.Issued other = certs.localhost(ca);
    ConfigException e = refused(hub.cert(), other.key(), null);
    assertEquals("server.tls.key_file", e.key());
    assertTrue(
        e.problem()
            .startsWith(other.key() + ": this private key does not belong to the certificate"),
        e.problem());
  }

  @Test
  void aCertificateFileThatIsNotPem() throws Exception {
    Path text = dir.resolve("text.crt");
    Files.writeString(text, "hello\n");
    ConfigException e = refused(text, hub.key(), null);
    assertEquals(
        "server.tls.cert_file: " + text + ": not PEM: no '-----BEGIN ...-----' block",
        e.getMessage());
  }

  @Test
  void anUnreadableClientCa() {
    Path missing = dir.resolve("agents-ca.crt");
    ConfigException e = refused(hub.cert(), hub.key(), missing);
    assertEquals("server.tls.client_ca_file", e.key());
  }
}
