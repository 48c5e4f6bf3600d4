package io.clusterwatch.common.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificate authorities and certificates made for a test with the {@code openssl} command (as a
 * site would make them), written as PEM files into a directory the test owns.
 */
public final class TestCertificates {
  /** The key types a site's files come in. */
  public enum KeyType {
    /** P-256, PKCS#8: quick to make. */
    EC("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
    /** RSA 2048, PKCS#8. */
    RSA("rsa", "-pkeyopt", "rsa_keygen_bits:2048");

    final String[] args;

    KeyType(String... args) {
      this.args = args;
    }
  }

  /** A certificate authority's certificate and key. */
  public record Authority(Path cert, Path key) {}

  /** An issued certificate (the leaf, then the authority when chained) and its key. */
  public record Issued(Path cert, Path key) {}

  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private int files;

  public TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A new self-signed certificate authority. */
  public Authority authority(String name) {
    Path key = file(name + "-ca.key");
    Path cert = file(name + "-ca.crt");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-subj",
        "/CN=" + name,
        "-days",
        "2",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return new Authority(cert, key);
  }

  /**
   * A certificate signed by {@code ca} for server and client use.
   *
   * @param commonName the subject's CN; null for none
   * @param dnsNames the DNS subject alternative names (and 127.0.0.1 as an IP name when {@code
   *     localhost} is one of them)
   */
  public Issued issue(Authority ca, String commonName, List<String> dnsNames, KeyType type) {
    String base = (commonName == null ? "nocn" : commonName) + "-" + files;
    Path key = file(base + ".key");
    Path csr = file(base + ".csr");
    Path cert = file(base + ".crt");
    Path ext = file(base + ".ext");
    List<String> req = new ArrayList<>(List.of("req", "-newkey", type.args[0]));
    req.addAll(List.of(type.args[1], type.args[2]));
    req.addAll(
        List.of(
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            csr.toString(),
            "-subj",
            commonName == null ? "/O=clusterwatch test" : "/CN=" + commonName));
    openssl(req.toArray(new String[0]));
    List<String> alt = new ArrayList<>();
    for (String dns : dnsNames) {
      alt.add("DNS:" + dns);
      if (dns.equals("localhost")) {
        alt.add("IP:127.0.0.1");
      }
    }
    StringBuilder extensions =
        new StringBuilder("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n");
    if (!alt.isEmpty()) {
      extensions.append("subjectAltName=").append(String.join(",", alt)).append('\n');
    }
    write(ext, extensions.toString());
    openssl(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.cert().toString(),
        "-CAkey",
        ca.key().toString(),
        "-set_serial",
        "0x" + HexFormat.of().formatHex(serial()),
        "-days",
        "2",
        "-extfile",
        ext.toString(),
        "-out",
        cert.toString());
    return new Issued(cert, key);
  }

  /** A certificate for {@code localhost} (CN and DNS name) signed by {@code ca}. */
  public Issued localhost(Authority ca) {
    return issue(ca, "localhost", List.of("localhost"), KeyType.EC);
  }

  /** The first certificate of a PEM file. */
  public static java.security.cert.X509Certificate certificate(Path pem) {
    try {
      return Pem.certificates(Files.readAllBytes(pem)).get(0);
    } catch (IOException | PemException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies {@code from} over {@code to} the way a renewal job does: a new file moved in place. */
  public static void replace(Path from, Path to) {
    try {
      Path tmp = to.resolveSibling(to.getFileName() + ".new");
      Files.copy(from, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A path in the directory for a file of the test's own. */
  public Path file(String name) {
    files++;
    return dir.resolve(name);
  }

  public static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] serial() {
    byte[] s = new byte[8];
    random.nextBytes(s);
    s[0] &= 0x7f; // a positive serial number (RFC 5280 section 4.1.2.2)
    return s;
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
