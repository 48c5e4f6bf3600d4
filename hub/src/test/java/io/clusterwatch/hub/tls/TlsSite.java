package io.clusterwatch.hub.tls;

import io.clusterwatch.common.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A hub's certificate directory as renewal tools keep it: versions side by side and a {@code live}
 * link to the one in force, swapped in one rename so that the certificate and its key change
 * together (certbot's live/, a Kubernetes secret's ..data).
 */
final class TlsSite {
  private final Path dir;
  private int versions;

  TlsSite(Path dir) {
    this.dir = dir;
  }

  Path certFile() {
    return dir.resolve("live").resolve("hub.crt");
  }

  Path keyFile() {
    return dir.resolve("live").resolve("hub.key");
  }

  /** Puts {@code issued} in a new version directory and points {@code live} at it. */
  void install(TestCertificates.Issued issued) throws IOException {
    Path version = dir.resolve("v" + ++versions);
    Files.createDirectories(version);
    Files.copy(issued.cert(), version.resolve("hub.crt"));
    Files.copy(issued.key(), version.resolve("hub.key"));
    point(version);
  }

  /** A new version whose certificate file is {@code certText} (broken, for instance). */
  void installBroken(TestCertificates.Issued issued, String certText) throws IOException {
    Path version = dir.resolve("v" + ++versions);
    Files.createDirectories(version);
    Files.writeString(version.resolve("hub.crt"), certText);
    Files.copy(issued.key(), version.resolve("hub.key"));
    point(version);
  }

  private void point(Path version) throws IOException {
    Path next = dir.resolve("live.next");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, version.getFileName());
    Files.move(next, dir.resolve("live"), StandardCopyOption.ATOMIC_MOVE);
  }
}
