package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;

/**
 * Builds, from {@code auth.mode}, the one {@link RequestIdentity} the API and /live ask who sent a
 * request. The only place that knows which login method serves which mode.
 */
public final class LoginMethods {
  private LoginMethods() {}

  /**
   * @return who sent a request under {@code auth}; null in mode none, where nobody logs in
   * @throws ConfigException when the mode cannot be served
   */
  public static RequestIdentity requestIdentity(AuthSettings auth) {
    switch (auth.loginMode()) {
      case NONE:
        return null;
      case PROXY:
        return new ProxyIdentity(auth.proxy());
      case LDAP:
        throw new ConfigException(
            "mode", "ldap needs the hub's login page and sessions, which this hub does not have");
      case OIDC:
        throw new ConfigException(
            "mode", "oidc needs the hub's login sessions, which this hub does not have");
      default:
        throw new ConfigException("mode", "unknown login mode " + auth.mode());
    }
  }
}
