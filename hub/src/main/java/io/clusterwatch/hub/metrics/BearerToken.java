package io.clusterwatch.hub.metrics;

import io.clusterwatch.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token of {@code metrics.bearer_token_file}, read once at start: a scraper that sends {@code
 * Authorization: Bearer TOKEN} may read /metrics. Compared in constant time: both sides are hashed
 * first, so neither the content nor the length of the token leaks through timing.
 */
public final class BearerToken {
  private static final String SCHEME = "Bearer ";

  private final byte[] digest;

  private BearerToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * Reads the token (the file's content without surrounding whitespace).
   *
   * @throws ConfigException naming {@code metrics.bearer_token_file} when the file cannot be read
   *     or is empty
   */
  public static BearerToken read(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          "metrics.bearer_token_file", "cannot read " + file + ": " + e.getMessage());
    }
    if (token.isEmpty()) {
      throw new ConfigException("metrics.bearer_token_file", file + " is empty");
    }
    return new BearerToken(token);
  }

  /** Whether an {@code Authorization} header value (null: none) carries this token. */
  public boolean matches(String authorization) {
    if (authorization == null
        || authorization.length() < SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
