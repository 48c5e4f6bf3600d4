package io.clusterwatch.hub.auth.oidc;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Ties a pending login to the browser that started it, so that a callback carrying someone else's
 * code and state (login CSRF: the victim's browser made to finish the attacker's login) is refused.
 * One cookie per login, named after the start of its state, so that logins in two tabs do not undo
 * each other. SameSite=Lax: the provider's redirect back is a top-level GET, which carries it.
 */
final class LoginCookie {
  private static final String PREFIX = "cw_oidc_";
  private static final String PATH = "/auth";

  private final boolean secure;
  private final Duration lifetime;

  /**
   * @param secure send the cookie over HTTPS only (the redirect URI is https)
   */
  LoginCookie(boolean secure, Duration lifetime) {
    this.secure = secure;
    this.lifetime = lifetime;
  }

  void set(HttpServerResponse response, String state) {
    response.addCookie(cookie(state, state).setMaxAge(lifetime.toSeconds()));
  }

  /** Whether the request carries the cookie of the login started with {@code state}. */
  static boolean presentFor(HttpServerRequest request, String state) {
    Cookie c = request.getCookie(name(state));
    return c != null
        && MessageDigest.isEqual(
            c.getValue().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
  }

  void clear(HttpServerResponse response, String state) {
    response.addCookie(cookie(state, "").setMaxAge(0));
  }

  private Cookie cookie(String state, String value) {
    return Cookie.cookie(name(state), value)
        .setPath(PATH)
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(CookieSameSite.LAX);
  }

  private static String name(String state) {
    return PREFIX + state.substring(0, Math.min(12, state.length()));
  }
}
