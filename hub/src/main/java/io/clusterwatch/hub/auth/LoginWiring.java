package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.auth.ldap.LdapPasswordCheck;
import io.clusterwatch.hub.auth.oidc.OidcLogin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Plugs the configured login method into the hub's router: {@code ldap} gets the login page's
 * {@code POST /auth/login}, {@code oidc} the provider's {@code GET /auth/login} and {@code
 * /auth/callback}; both get {@code POST /auth/logout}. Who may see what is {@link AccessControl}'s
 * business, not this class's.
 */
public final class LoginWiring {
  private LoginWiring() {}

  /**
   * Prepares, once for every event loop, a login method that needs the network before the hub
   * serves: OpenID discovery and the provider's keys in mode oidc.
   *
   * @return the method, or null in the other modes; failed (naming the key) when the provider
   *     cannot be read
   */
  public static Future<ExternalLogin> prepare(Vertx vertx, AuthSettings auth, Clock clock) {
    if (auth.loginMode() != AuthSettings.Mode.OIDC) {
      return Future.succeededFuture(null);
    }
    return OidcLogin.create(vertx, auth.oidc(), clock).map(login -> login);
  }

  /**
   * Mounts the routes of the configured login method; none in modes none and proxy.
   *
   * @param external what {@link #prepare} gave
   */
  public static void mount(
      Router router, Vertx vertx, AuthSettings auth, LoginServices login, ExternalLogin external) {
    switch (auth.loginMode()) {
      case LDAP:
        new LoginRoutes(new LdapPasswordCheck(vertx, login.ldap()), login.sessions().login())
            .mount(router);
        break;
      case OIDC:
        external.mount(router, login.sessions().login());
        LoginRoutes.mountLogout(router, login.sessions().login());
        break;
      default:
        break;
    }
  }
}
