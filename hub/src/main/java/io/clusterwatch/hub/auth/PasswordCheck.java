package io.clusterwatch.hub.auth;

import io.vertx.core.Future;

/**
 * A login method that takes a user name and a password from the hub's login page ({@code auth.mode:
 * ldap}).
 */
public interface PasswordCheck {
  /**
   * Checks the password and reads the user's groups.
   *
   * @return the identity, or a future failed with {@link LoginRefusedException} when the name or
   *     the password is wrong (the caller must not tell which), or with another exception when the
   *     directory could not be asked
   */
  Future<Identity> check(String user, String password);
}
