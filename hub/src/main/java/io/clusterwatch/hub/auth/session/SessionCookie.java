package io.clusterwatch.hub.auth.session;

import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The session cookie: {@code Secure} (sent over HTTPS only; browsers also accept it from
 * http://localhost), {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (not sent with
 * cross-site POSTs or subresource requests; Strict would drop it on the top-level redirect back
 * from an OpenID Connect provider), {@code Path=/}, and no expiry: the browser forgets it when it
 * closes, the hub when the session idles out.
 */
public final class SessionCookie {
  /** The cookie's name. */
  public static final String NAME = "clusterwatch_session";

  private SessionCookie() {}

  /** The {@code Set-Cookie} value that hands the browser {@code sessionId}. */
  public static String issue(String sessionId) {
    return base(sessionId).encode();
  }

  /** The {@code Set-Cookie} value that makes the browser forget the cookie. */
  public static String clear() {
    return base("").setMaxAge(0).encode();
  }

  /** The session id in the request's {@code Cookie} headers, or null without one. */
  public static String read(MultiMap headers) {
    for (String header : headers.getAll("cookie")) {
      for (io.netty.handler.codec.http.cookie.Cookie c :
          ServerCookieDecoder.STRICT.decode(header)) {
        if (NAME.equals(c.name()) && !c.value().isEmpty()) {
          return c.value();
        }
      }
    }
    return null;
  }

  private static Cookie base(String value) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setSecure(true)
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX);
  }
}
