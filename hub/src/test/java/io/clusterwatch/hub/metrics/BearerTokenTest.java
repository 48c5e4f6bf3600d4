package io.clusterwatch.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics.bearer_token_file}: read once, compared with the Authorization header. */
class BearerTokenTest {
  @TempDir Path dir;

  @Test
  void matchesOnlyTheBearerSchemeWithTheWholeToken() throws Exception {
    BearerToken t = BearerToken.read(Files.writeString(dir.resolve("token"), "  abc123\n"));
    assertTrue(t.matches("Bearer abc123"));
    assertTrue(t.matches("bearer abc123"), "the scheme is case-insensitive (RFC 7235)");
    assertFalse(t.matches("Bearer abc12"));
    assertFalse(t.matches("Bearer abc1234"));
    assertFalse(t.matches("Basic abc123"));
    assertFalse(t.matches("abc123"));
    assertFalse(t.matches(""));
    assertFalse(t.matches(null));
  }

  @Test
  void aMissingOrEmptyFileIsAConfigurationErrorNamingTheKey() throws Exception {
    Path missing = dir.resolve("nope");
    ConfigException e = assertThrows(ConfigException.class, () -> BearerToken.read(missing));
    assertEquals("metrics.bearer_token_file", e.key());
    assertTrue(e.problem().startsWith("cannot read " + missing), e.getMessage());

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    e = assertThrows(ConfigException.class, () -> BearerToken.read(empty));
    assertEquals("metrics.bearer_token_file: " + empty + " is empty", e.getMessage());
  }
}
