package io.clusterwatch.hub.auth;

import io.vertx.ext.web.Router;

/**
 * A login method that sends the browser elsewhere and takes it back on its own routes ({@code
 * auth.mode: oidc}): {@code GET /auth/login} starts it, its callback hands the user to the sink.
 */
public interface ExternalLogin {
  /**
   * Adds this method's routes, all under {@code /auth/}, to {@code router}.
   *
   * @param sink where an authenticated user goes
   */
  void mount(Router router, LoginSink sink);
}
