package io.clusterwatch.hub.auth.session;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginSink;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.TreeSet;

/**
 * Starts and ends sessions for every login method, and answers logins: a script that asked for JSON
 * gets JSON, a browser navigating gets a redirect. A new login always gets a new session id (the
 * old one, if the browser had one, ends): an id planted in the browser before the login never
 * becomes a logged-in session. Failures count against the address's {@link LoginThrottle}.
 */
public final class SessionLogin implements LoginSink {
  /** The one answer to every failed login: it never says whether the name or the password was. */
  public static final String FAILED = "login failed: wrong user name or password";

  private static final System.Logger LOG = System.getLogger(SessionLogin.class.getName());

  private final SessionTable sessions;
  private final LoginThrottle throttle;
  private final LoginMeters meters;

  public SessionLogin(SessionTable sessions, LoginThrottle throttle, LoginMeters meters) {
    this.sessions = sessions;
    this.throttle = throttle;
    this.meters = meters;
  }

  @Override
  public void loggedIn(RoutingContext ctx, Identity who, String returnTo) {
    start(ctx, who);
    String target = LocalPath.orHome(returnTo);
    if (wantsJson(ctx.request())) {
      JsonObject body =
          new JsonObject()
              .put("user", who.user())
              .put("groups", new JsonArray(new TreeSet<>(who.groups()).stream().toList()))
              .put("return_to", target);
      ctx.response().putHeader("content-type", "application/json").end(body.encode());
    } else {
      ctx.response().setStatusCode(303).putHeader("location", target).end();
    }
  }

  @Override
  public void refused(RoutingContext ctx, String reason) {
    String address = ClientAddress.of(ctx.request().remoteAddress());
    throttle.failed(address);
    meters.failed();
    LOG.log(Level.WARNING, "login refused from " + address + ": " + reason);
    if (wantsJson(ctx.request())) {
      error(ctx, 401, FAILED);
    } else {
      noStore(ctx).setStatusCode(303).putHeader("location", "/login.html?failed=1").end();
    }
  }

  /**
   * How long the request's address must wait before it may try again; zero when it may try now. A
   * refusal for this reason is counted in /metrics as {@code limited}.
   */
  public Duration blockedFor(RoutingContext ctx) {
    Duration wait = throttle.blockedFor(ClientAddress.of(ctx.request().remoteAddress()));
    if (!wait.isZero()) {
      meters.limited();
    }
    return wait;
  }

  /** Ends the request's session, if it has one, and tells the browser to forget the cookie. */
  public void logout(RoutingContext ctx) {
    sessions.end(SessionCookie.read(ctx.request().headers()));
    noStore(ctx).putHeader("set-cookie", SessionCookie.clear()).setStatusCode(204).end();
  }

  /** Answers {@code {"error": message}} with {@code status}. */
  public static void error(RoutingContext ctx, int status, String message) {
    noStore(ctx)
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  private void start(RoutingContext ctx, Identity who) {
    sessions.end(SessionCookie.read(ctx.request().headers()));
    String id = sessions.start(who);
    noStore(ctx).putHeader("set-cookie", SessionCookie.issue(id));
    meters.ok();
    LOG.log(
        Level.INFO,
        "login: " + who.user() + " from " + ClientAddress.of(ctx.request().remoteAddress()));
  }

  private static io.vertx.core.http.HttpServerResponse noStore(RoutingContext ctx) {
    return ctx.response().putHeader("cache-control", "no-store");
  }

  private static boolean wantsJson(HttpServerRequest request) {
    String type = request.getHeader("content-type");
    String accept = request.getHeader("accept");
    return (type != null && type.startsWith("application/json"))
        || (accept != null && accept.contains("application/json"));
  }
}
