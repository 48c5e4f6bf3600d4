package io.clusterwatch.common.tls;

import io.clusterwatch.common.config.ConfigException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain and its private key from two PEM files, checked to belong together. The bytes
 * read are kept, so that what was checked is exactly what a TLS stack is given.
 *
 * @param chain the certificates of the certificate file, the leaf first
 * @param key the private key of the leaf
 * @param certPem the certificate file's bytes
 * @param keyPem the key file's bytes
 */
public record CertifiedKey(
    List<X509Certificate> chain, PrivateKey key, byte[] certPem, byte[] keyPem) {
  public CertifiedKey {
    chain = List.copyOf(chain);
  }

  /**
   * Reads and checks both files.
   *
   * @param certKey the configuration key of the certificate file, named in errors
   * @param keyKey the configuration key of the key file, named in errors
   * @throws ConfigException naming the key of the file that is missing, unreadable, not PEM, or
   *     holds a key that does not match the certificate
   */
  public static CertifiedKey read(Path certFile, String certKey, Path keyFile, String keyKey) {
    byte[] certPem = PemFiles.bytes(certFile, certKey);
    byte[] keyPem = PemFiles.bytes(keyFile, keyKey);
    List<X509Certificate> chain = PemFiles.certificates(certFile, certKey, certPem);
    PrivateKey key;
    try {
      key = Pem.privateKey(keyPem);
    } catch (PemException e) {
      throw new ConfigException(keyKey, keyFile + ": " + e.getMessage());
    }
    if (!Pem.matches(key, chain.get(0))) {
      throw new ConfigException(
          keyKey,
          keyFile
              + ": this private key does not belong to the certificate in "
              + certFile
              + " ("
              + chain.get(0).getSubjectX500Principal().getName()
              + ")");
    }
    return new CertifiedKey(chain, key, certPem, keyPem);
  }

  /** An in-memory key store holding the key and its chain under the alias {@code key}. */
  public KeyStore keyStore(char[] password) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, password);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    store.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
    return store;
  }
}
