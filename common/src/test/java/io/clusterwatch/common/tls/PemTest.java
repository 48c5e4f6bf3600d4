package io.clusterwatch.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates in the forms OpenSSL writes them, read with the JDK alone. */
class PemTest {
  @TempDir Path dir;
  private TestCertificates certs;
  private TestCertificates.Authority ca;

  @BeforeEach
  void authority() {
    certs = new TestCertificates(dir);
    ca = certs.authority("site");
  }

  /** Runs openssl with {@code args} and returns what it wrote to {@code out}. */
  private byte[] openssl(Path out, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
    return Files.readAllBytes(out);
  }

  @Test
  void pkcs8AndPkcs1KeysMatchTheirCertificates() throws Exception {
    TestCertificates.Issued rsa =
        certs.issue(ca, "hub", List.of("hub"), TestCertificates.KeyType.RSA);
    TestCertificates.Issued ec =
        certs.issue(ca, "hub", List.of("hub"), TestCertificates.KeyType.EC);
    var rsaCert = Pem.certificates(Files.readAllBytes(rsa.cert())).get(0);
    var ecCert = Pem.certificates(Files.readAllBytes(ec.cert())).get(0);
    PrivateKey pkcs8 = Pem.privateKey(Files.readAllBytes(rsa.key()));
    Path traditional = dir.resolve("rsa1.key");
    PrivateKey pkcs1 =
        Pem.privateKey(
            openssl(
                traditional,
                "rsa",
                "-in",
                rsa.key().toString(),
                "-traditional",
                "-out",
                traditional.toString()));
    assertTrue(
        new String(Files.readAllBytes(traditional)).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    assertEquals(pkcs8, pkcs1);
    assertTrue(Pem.matches(pkcs1, rsaCert));
    assertTrue(Pem.matches(Pem.privateKey(Files.readAllBytes(ec.key())), ecCert));
    assertFalse(Pem.matches(pkcs8, ecCert), "an RSA key does not match an EC certificate");
  }

  @Test
  void aChainFileKeepsItsOrder() throws Exception {
    TestCertificates.Issued leaf = certs.localhost(ca);
    byte[] chain = (Files.readString(leaf.cert()) + Files.readString(ca.cert())).getBytes();
    var read = Pem.certificates(chain);
    assertEquals(2, read.size());
    assertEquals("CN=localhost", read.get(0).getSubjectX500Principal().getName());
    assertEquals("CN=site", read.get(1).getSubjectX500Principal().getName());
  }

  @Test
  void sec1AndEncryptedKeysAreRefusedWithWhatToDo() throws Exception {
    TestCertificates.Issued ec =
        certs.issue(ca, "hub", List.of("hub"), TestCertificates.KeyType.EC);
    Path sec1 = dir.resolve("sec1.key");
    byte[] sec1Key = openssl(sec1, "ec", "-in", ec.key().toString(), "-out", sec1.toString());
    assertEquals(
        "an 'EC PRIVATE KEY' (SEC 1) block; convert it to PKCS#8 with"
            + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'",
        assertThrows(PemException.class, () -> Pem.privateKey(sec1Key)).getMessage());
    Path encrypted = dir.resolve("enc.key");
    byte[] encryptedKey =
        openssl(
            encrypted,
            "pkcs8",
            "-topk8",
            "-in",
            ec.key().toString(),
            "-passout",
            "pass:x",
            "-out",
            encrypted.toString());
    assertTrue(
        assertThrows(PemException.class, () -> Pem.privateKey(encryptedKey))
            .getMessage()
            .startsWith("the private key is encrypted"));
  }
}
