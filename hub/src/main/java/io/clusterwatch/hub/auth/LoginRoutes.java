package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.auth.session.SameOriginPost;
import io.clusterwatch.hub.auth.session.SessionLogin;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * {@code POST /auth/login} (user name and password, as JSON or as a form) and {@code POST
 * /auth/logout}, for {@code auth.mode: ldap}. The router must read bodies (a {@code BodyHandler}
 * before these routes). Both POSTs must come from the hub's own pages ({@link SameOriginPost}). The
 * login page itself is the static {@code /login.html}.
 */
public final class LoginRoutes {
  /** Longer names and passwords are refused unread: no directory has them. */
  private static final int MAX_USER = 256;

  private static final int MAX_PASSWORD = 1024;

  private static final System.Logger LOG = System.getLogger(LoginRoutes.class.getName());

  private final PasswordCheck check;
  private final SessionLogin login;

  public LoginRoutes(PasswordCheck check, SessionLogin login) {
    this.check = check;
    this.login = login;
  }

  public void mount(Router router) {
    router.post("/auth/login").handler(this::login);
    mountLogout(router, login);
  }

  /** {@code POST /auth/logout} alone, for a login method that brings its own login routes. */
  public static void mountLogout(Router router, SessionLogin login) {
    router.post("/auth/logout").handler(ctx -> logout(ctx, login));
  }

  private void login(RoutingContext ctx) {
    if (!SameOriginPost.fromOwnPage(ctx.request())) {
      SessionLogin.error(ctx, 403, "login refused: the request did not come from the login page");
      return;
    }
    Duration wait = login.blockedFor(ctx);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      ctx.response().putHeader("retry-after", Long.toString(seconds));
      SessionLogin.error(
          ctx, 429, "too many failed logins from this address; try again in " + seconds + " s");
      return;
    }
    Credentials c;
    try {
      c = Credentials.of(ctx);
    } catch (DecodeException | ClassCastException e) {
      SessionLogin.error(ctx, 400, "login body: expected JSON {\"user\": ..., \"password\": ...}");
      return;
    }
    if (c.user == null || c.user.isBlank() || c.user.length() > MAX_USER) {
      login.refused(ctx, "no or overlong user name");
      return;
    }
    if (c.password == null || c.password.isEmpty() || c.password.length() > MAX_PASSWORD) {
      login.refused(ctx, "empty or overlong password for " + c.user);
      return;
    }
    check
        .check(c.user, c.password)
        .onSuccess(who -> login.loggedIn(ctx, who, c.returnTo))
        .onFailure(
            e -> {
              if (e instanceof LoginRefusedException) {
                login.refused(ctx, e.getMessage());
              } else {
                LOG.log(Level.ERROR, "login of " + c.user + ": the directory failed", e);
                SessionLogin.error(ctx, 503, "login unavailable: the directory could not be asked");
              }
            });
  }

  private static void logout(RoutingContext ctx, SessionLogin login) {
    if (!SameOriginPost.fromOwnPage(ctx.request())) {
      SessionLogin.error(ctx, 403, "logout refused: the request did not come from the hub's page");
      return;
    }
    login.logout(ctx);
  }

  /** What the login request carried. */
  private static final class Credentials {
    final String user;
    final String password;
    final String returnTo;

    private Credentials(String user, String password, String returnTo) {
      this.user = user;
      this.password = password;
      this.returnTo = returnTo;
    }

    static Credentials of(RoutingContext ctx) {
      String type = ctx.request().getHeader("content-type");
      if (type != null && type.startsWith("application/json")) {
        JsonObject body = ctx.body().asJsonObject();
        if (body == null) {
          throw new DecodeException("no body");
        }
        return new Credentials(
            body.getString("user"), body.getString("password"), body.getString("return_to"));
      }
      MultiMap form = ctx.request().formAttributes();
      return new Credentials(form.get("user"), form.get("password"), form.get("return_to"));
    }
  }
}
