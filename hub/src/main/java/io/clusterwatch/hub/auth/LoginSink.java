package io.clusterwatch.hub.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * Where a login method that runs its own routes (OpenID Connect) hands over a user it has
 * authenticated: the sink starts the session and answers the request.
 */
public interface LoginSink {
  /** Starts a session for {@code who} and redirects to {@code returnTo} (a local path). */
  void loggedIn(RoutingContext ctx, Identity who, String returnTo);

  /**
   * Answers a failed login; {@code reason} goes to the log only. Counts against the address's login
   * rate limit.
   */
  void refused(RoutingContext ctx, String reason);
}
