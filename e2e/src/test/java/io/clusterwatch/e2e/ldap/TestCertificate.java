package io.clusterwatch.e2e.ldap;

import io.clusterwatch.e2e.slurm.BoundedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A self-signed certificate for 127.0.0.1, made by {@code openssl req} in the test: it is its own
 * CA, so a client trusts it by naming {@link #certFile()} as its CA file.
 */
public record TestCertificate(Path certFile, Path keyFile) {
  public static TestCertificate create(Path dir, String ip) {
    Path cert = dir.resolve("server.pem");
    Path key = dir.resolve("server.key");
    BoundedCommand.Result r =
        BoundedCommand.run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=" + ip,
                "-addext",
                "subjectAltName=IP:" + ip,
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()),
            Map.of(),
            dir,
            Duration.ofSeconds(60));
    if (!r.succeeded()) {
      throw new AssertionError("openssl could not make a certificate: " + r.describe());
    }
    return new TestCertificate(cert, key);
  }
}
