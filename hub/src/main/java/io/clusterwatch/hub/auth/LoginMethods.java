package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;

/**
 * Builds, from {@code auth.mode}, the one {@link RequestIdentity} the API and /live ask who sent a
 * request. The only place that knows which login method serves which mode.
 */
public final class LoginMethods {
  private LoginMethods() {}

  /**
   * @param sessions the hub's session cookie, which ldap and oidc logins start
   * @return who sent a request under {@code auth}; null in mode none, where nobody logs in
   * @throws ConfigException when the mode cannot be served
   */
  public static RequestIdentity requestIdentity(AuthSettings auth, RequestIdentity sessions) {
    switch (auth.loginMode()) {
      case NONE:
        return null;
      case PROXY:
        return new ProxyIdentity(auth.proxy());
      case LDAP:
      case OIDC:
        return sessions;
      default:
        throw new ConfigException("mode", "unknown login mode " + auth.mode());
    }
  }
}
