package io.clusterwatch.hub.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A login sent to the provider and not yet back: the secrets that tie the provider's answer to this
 * browser's request, kept by the hub and never trusted from the browser.
 *
 * @param state sent to the provider and returned with the code; the key of the pending login
 * @param nonce sent to the provider, which must put it in the ID token
 * @param codeVerifier the PKCE secret (RFC 7636 section 4.1) sent with the code exchange
 * @param returnTo the local path the user goes to once logged in
 * @param startedMs when the login was sent to the provider (epoch ms, the hub's clock)
 */
record PendingLogin(
    String state, String nonce, String codeVerifier, String returnTo, long startedMs) {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  /** A login with fresh secrets: 32 random bytes each, base64url (43 characters). */
  static PendingLogin start(SecureRandom random, String returnTo, long nowMs) {
    return new PendingLogin(secret(random), secret(random), secret(random), returnTo, nowMs);
  }

  /** The PKCE {@code code_challenge} for method S256: BASE64URL(SHA256(ASCII(verifier))). */
  String codeChallenge() {
    return challengeOf(codeVerifier);
  }

  static String challengeOf(String verifier) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return URL.encodeToString(sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String secret(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }
}
