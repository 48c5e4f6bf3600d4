package io.clusterwatch.hub.auth.ldap;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.clusterwatch.hub.auth.PasswordCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * {@code auth.mode: ldap}: the password is right when the directory accepts a bind as the user. The
 * directory is asked on threads of its own, never on the event loop; logins run side by side
 * (unordered), each bounded by {@code auth.ldap.timeout} per step.
 */
public final class LdapPasswordCheck implements PasswordCheck {
  /**
   * Threads for logins, apart from the hub's workers: a login mostly waits on the directory's
   * network, and a slow directory must not hold the few workers (one per CPU, at least four) that
   * answer the dashboard's queries. Started as logins need them.
   */
  static final int LOGIN_THREADS = 4;

  private final WorkerExecutor logins;
  private final LdapDirectory directory;

  public LdapPasswordCheck(Vertx vertx, LdapDirectory directory) {
    this.logins = vertx.createSharedWorkerExecutor("hub-ldap-login", LOGIN_THREADS);
    this.directory = directory;
  }

  @Override
  public Future<Identity> check(String user, String password) {
    if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
      // refused here, before any connection: an empty password would be an anonymous bind
      return Future.failedFuture(new LoginRefusedException("empty user name or password"));
    }
    return logins.executeBlocking(() -> directory.login(user, password), false);
  }
}
