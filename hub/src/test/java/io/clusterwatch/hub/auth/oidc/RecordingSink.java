package io.clusterwatch.hub.auth.oidc;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginSink;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the login handed over and answers like a session layer would: 303 or 403. */
final class RecordingSink implements LoginSink {
  record LoggedIn(Identity who, String returnTo) {}

  final List<LoggedIn> loggedIn = new CopyOnWriteArrayList<>();
  final List<String> refused = new CopyOnWriteArrayList<>();

  @Override
  public void loggedIn(RoutingContext ctx, Identity who, String returnTo) {
    loggedIn.add(new LoggedIn(who, returnTo));
    ctx.response().setStatusCode(303).putHeader("Location", returnTo).end();
  }

  @Override
  public void refused(RoutingContext ctx, String reason) {
    refused.add(reason);
    ctx.response().setStatusCode(403).end("login failed");
  }
}
