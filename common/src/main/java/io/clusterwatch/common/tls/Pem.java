package io.clusterwatch.common.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys read with the JDK alone (RFC 7468): certificate chains, PKCS#8
 * RSA and EC keys ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 and certbot write) and PKCS#1 RSA keys
 * ({@code BEGIN RSA PRIVATE KEY}). Every failure is a {@link PemException} saying what was found.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);

  /** DER of AlgorithmIdentifier{rsaEncryption, NULL}: wraps a PKCS#1 key into PKCS#8. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private Pem() {}

  /** Every {@code CERTIFICATE} block, in file order (the leaf first in a chain file). */
  public static List<X509Certificate> certificates(byte[] pem) throws PemException {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(pem)) {
        if (b.type().equals("CERTIFICATE")) {
          certs.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new PemException("not a readable X.509 certificate (" + e.getMessage() + ")", e);
    }
    if (certs.isEmpty()) {
      throw new PemException("no '-----BEGIN CERTIFICATE-----' block");
    }
    return certs;
  }

  /** The one private key of the file: PKCS#8 RSA or EC, or PKCS#1 RSA. */
  public static PrivateKey privateKey(byte[] pem) throws PemException {
    List<Block> blocks = blocks(pem);
    for (Block b : blocks) {
      switch (b.type()) {
        case "PRIVATE KEY":
          return pkcs8(b.der());
        case "RSA PRIVATE KEY":
          return decode("RSA", pkcs1ToPkcs8(b.der()));
        case "EC PRIVATE KEY":
          throw new PemException(
              "an 'EC PRIVATE KEY' (SEC 1) block; convert it to PKCS#8 with"
                  + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        case "ENCRYPTED PRIVATE KEY":
          throw new PemException(
              "the private key is encrypted; the file must hold an unencrypted key readable only"
                  + " by the service's user");
        default:
          // another block (a certificate in a combined file): look further
      }
    }
    throw new PemException("no '-----BEGIN PRIVATE KEY-----' block");
  }

  /** True when {@code key} is the private half of {@code cert}'s public key. */
  public static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's
      return false;
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws PemException {
    PemException last = null;
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return decode(algorithm, der);
      } catch (PemException e) {
        last = e;
      }
    }
    throw new PemException("a PKCS#8 key that is neither RSA nor EC", last);
  }

  private static PrivateKey decode(String algorithm, byte[] pkcs8) throws PemException {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
      throw new PemException("not a readable " + algorithm + " private key", e);
    }
  }

  /** PrivateKeyInfo{version 0, rsaEncryption, OCTET STRING{the PKCS#1 key}} (RFC 5208). */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = tlv(0x04, pkcs1);
    byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
    System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
    return tlv(0x30, body);
  }

  /** A DER tag-length-value with a definite length (X.690 section 8.1.3). */
  private static byte[] tlv(int tag, byte[] value) {
    int n = value.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(value, 0, out, 1 + length.length, n);
    return out;
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(byte[] pem) throws PemException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new PemException("a '" + m.group(1) + "' block that is not valid base64", e);
      }
    }
    if (blocks.isEmpty()) {
      throw new PemException("not PEM: no '-----BEGIN ...-----' block");
    }
    return blocks;
  }
}
