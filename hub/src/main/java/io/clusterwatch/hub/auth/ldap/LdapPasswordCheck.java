package io.clusterwatch.hub.auth.ldap;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.clusterwatch.hub.auth.PasswordCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@code auth.mode: ldap}: the password is right when the directory accepts a bind as the user. The
 * directory is asked on a worker thread, never on the event loop; logins run side by side
 * (unordered), each bounded by {@code auth.ldap.timeout} per step.
 */
public final class LdapPasswordCheck implements PasswordCheck {
  private final Vertx vertx;
  private final LdapDirectory directory;

  public LdapPasswordCheck(Vertx vertx, LdapDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  @Override
  public Future<Identity> check(String user, String password) {
    if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
      // refused here, before any connection: an empty password would be an anonymous bind
      return Future.failedFuture(new LoginRefusedException("empty user name or password"));
    }
    return vertx.executeBlocking(() -> directory.login(user, password), false);
  }
}
