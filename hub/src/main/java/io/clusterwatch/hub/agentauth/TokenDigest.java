package io.clusterwatch.hub.agentauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Tokens compared in constant time: both sides are hashed with SHA-256 first, so that neither the
 * comparison's time nor a length check tells how much of a guess was right or how long a token is.
 */
final class TokenDigest {
  private TokenDigest() {}

  static byte[] of(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Constant-time equality of two digests ({@link MessageDigest#isEqual}). */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
