package io.clusterwatch.hub.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.LoginRefusedException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The claim checks, one claim changed at a time from a token that passes. */
class IdTokenCheckTest {
  private static final String ISSUER = "https://keycloak.example.org/realms/hpc";
  private static final long NOW = 1_772_442_000L; // 2026-03-02T09:00:00Z

  private final IdTokenCheck check =
      new IdTokenCheck(
          ISSUER,
          "clusterwatch",
          Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
          Duration.ofSeconds(60));

  private static JsonObject good() {
    return new JsonObject(
        "{\"iss\":\""
            + ISSUER
            + "\",\"aud\":\"clusterwatch\",\"exp\":"
            + (NOW + 300)
            + ",\"nonce\":\"n-1\",\"sub\":\"x\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{} | ",
        "{\"aud\":[\"grafana\",\"clusterwatch\"]} | ",
        "{\"exp\":1772441950} | ",
        "{\"exp\":1772441940} | ID token expired at 2026-03-02T08:59:00Z (hub clock 2026-03-02T09:00:00Z)",
        "{\"exp\":\"1772442300\"} | ID token has no exp (expiry) claim",
        "{\"exp\":null} | ID token has no exp (expiry) claim",
        "{\"aud\":\"grafana\"} | ID token audience grafana does not include client_id 'clusterwatch'",
        "{\"aud\":[\"grafana\"]} | ID token audience [\"grafana\"] does not include client_id 'clusterwatch'",
        "{\"aud\":null} | ID token audience null does not include client_id 'clusterwatch'",
        "{\"iss\":\"https://keycloak.example.org/realms/hpc/\"} | ID token issuer is 'https://keycloak.example.org/realms/hpc/', expected 'https://keycloak.example.org/realms/hpc'",
        "{\"nonce\":\"n-2\"} | ID token nonce does not match the login it answers",
        "{\"nonce\":null} | ID token nonce does not match the login it answers",
      })
  void oneClaimChanged(String change, String problem) {
    JsonObject claims = good();
    new JsonObject(change).forEach(e -> claims.put(e.getKey(), e.getValue()));
    if (problem == null) {
      assertDoesNotThrow(() -> check.check(claims, "n-1"));
    } else {
      LoginRefusedException e =
          assertThrows(LoginRefusedException.class, () -> check.check(claims, "n-1"));
      assertEquals(problem, e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a.b | ID token is not a signed JWT",
        "a.!!.c | ID token payload is not base64url JSON",
      })
  void aTokenThatIsNoJwtIsNamed(String jwt, String problem) {
    LoginRefusedException e =
        assertThrows(LoginRefusedException.class, () -> IdTokenCheck.unverifiedClaims(jwt));
    assertTrue(e.getMessage().startsWith(problem), e.getMessage());
  }

  @Test
  void theClaimsOfAJwtAreReadWithoutItsSignature() throws Exception {
    String jwt =
        "eyJhbGciOiJSUzI1NiJ9."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"iss\":\"x\"}".getBytes(StandardCharsets.UTF_8))
            + ".c2ln";
    assertEquals("x", IdTokenCheck.unverifiedClaims(jwt).getString("iss"));
  }
}
