package io.clusterwatch.common.tls;

import io.clusterwatch.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/** PEM files named by a configuration key: every failure is a {@link ConfigException} for it. */
public final class PemFiles {
  private PemFiles() {}

  /** The file's bytes. */
  public static byte[] bytes(Path file, String key) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key, file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(key, file + ": cannot read it (" + e + ")");
    }
  }

  /** The certificates of {@code pem}, the bytes of {@code file}. */
  public static List<X509Certificate> certificates(Path file, String key, byte[] pem) {
    try {
      return Pem.certificates(pem);
    } catch (PemException e) {
      throw new ConfigException(key, file + ": " + e.getMessage());
    }
  }

  /** Trust managers that trust exactly the certificates of {@code file} (CA certificates). */
  public static TrustManagerFactory trust(Path file, String key) {
    List<X509Certificate> cas = certificates(file, key, bytes(file, key));
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(key, file + ": cannot trust these certificates (" + e + ")");
    }
  }
}
