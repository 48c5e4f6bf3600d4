package io.clusterwatch.hub.auth.oidc;

import io.clusterwatch.hub.auth.LoginRefusedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The claims of an ID token this hub accepts (OpenID Connect Core 1.0, section 3.1.3.7): issued by
 * the provider, for this client, not expired by the hub's clock, and carrying the nonce of the
 * login it answers. The signature is checked by vertx-auth-oauth2 against the provider's JWKS;
 * these checks are the hub's own, so that expiry follows the injected clock and every refusal has a
 * reason for the log.
 */
final class IdTokenCheck {
  private final String issuer;
  private final String clientId;
  private final Clock clock;
  private final long leewaySeconds;

  /**
   * @param leeway how far the provider's clock may run ahead of the hub's
   */
  IdTokenCheck(String issuer, String clientId, Clock clock, Duration leeway) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.clock = clock;
    this.leewaySeconds = leeway.toSeconds();
  }

  /** Throws, with the reason, when {@code claims} are not for this login. */
  void check(JsonObject claims, String nonce) throws LoginRefusedException {
    String iss = stringClaim(claims, "iss");
    if (!issuer.equals(iss)) {
      throw new LoginRefusedException(
          "ID token issuer is '" + iss + "', expected '" + issuer + "'");
    }
    Object aud = claims.getValue("aud");
    boolean forUs =
        aud instanceof String
            ? aud.equals(clientId)
            : aud instanceof JsonArray && ((JsonArray) aud).contains(clientId);
    if (!forUs) {
      throw new LoginRefusedException(
          "ID token audience " + aud + " does not include client_id '" + clientId + "'");
    }
    if (!(claims.getValue("exp") instanceof Number)) {
      throw new LoginRefusedException("ID token has no exp (expiry) claim");
    }
    long exp = claims.getLong("exp");
    Instant now = clock.instant();
    if (now.getEpochSecond() >= exp + leewaySeconds) {
      throw new LoginRefusedException(
          "ID token expired at " + Instant.ofEpochSecond(exp) + " (hub clock " + now + ")");
    }
    if (!nonce.equals(stringClaim(claims, "nonce"))) {
      throw new LoginRefusedException("ID token nonce does not match the login it answers");
    }
  }

  /**
   * The claims of a compact JWS without checking its signature: only to name what is wrong with a
   * token the library refused.
   */
  static JsonObject unverifiedClaims(String jwt) throws LoginRefusedException {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new LoginRefusedException("ID token is not a signed JWT");
    }
    try {
      return new JsonObject(
          new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new LoginRefusedException("ID token payload is not base64url JSON: " + e.getMessage());
    }
  }

  private static String stringClaim(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    return value instanceof String ? (String) value : null;
  }
}
