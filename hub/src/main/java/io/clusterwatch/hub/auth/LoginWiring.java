package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.auth.ldap.LdapPasswordCheck;
import io.clusterwatch.hub.auth.session.SessionLogin;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Plugs {@code auth.mode: ldap} into the hub's router: the login and logout routes, and a 401 for
 * every {@code /api/} request without a session (the dashboard then opens the login page). Static
 * files, {@code /healthz} and {@code /login.html} stay open.
 */
public final class LoginWiring {
  private LoginWiring() {}

  /** Mounts the routes of the configured login method; none in the other modes. */
  public static void mount(Router router, Vertx vertx, AuthSettings auth, LoginServices login) {
    if (auth.loginMode() != AuthSettings.Mode.LDAP) {
      return;
    }
    new LoginRoutes(new LdapPasswordCheck(vertx, login.ldap()), login.sessions().login())
        .mount(router);
    RequestIdentity identity = login.sessions().identity();
    router
        .route("/api/*")
        .handler(
            ctx -> {
              if (identity.identify(ctx.request().headers(), ctx.request().remoteAddress())
                  == null) {
                SessionLogin.error(ctx, 401, "login required: log in at /login.html");
              } else {
                ctx.next();
              }
            });
  }
}
