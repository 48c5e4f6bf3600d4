package io.clusterwatch.hub.auth.session;

import io.clusterwatch.hub.auth.AuthSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The session state the hub's event loops share: the table, the login limit, and the sink and
 * request identity built on them.
 *
 * @param sessions who is logged in
 * @param login starts and ends sessions and answers logins
 * @param identity finds the session of a request or a /live upgrade
 */
public record SessionServices(SessionTable sessions, SessionLogin login, SessionIdentity identity) {

  /** From {@code auth.session_timeout}, {@code auth.login_failures} and {@code login_window}. */
  public static SessionServices create(AuthSettings auth, Clock clock, MeterRegistry registry) {
    SessionTable sessions =
        new SessionTable(
            clock, auth.sessionTimeout(), SessionTable.DEFAULT_MAX_SESSIONS, new SecureRandom());
    LoginThrottle throttle =
        new LoginThrottle(
            clock, auth.loginFailures(), auth.loginWindow(), LoginThrottle.DEFAULT_MAX_ADDRESSES);
    return new SessionServices(
        sessions,
        new SessionLogin(sessions, throttle, new LoginMeters(registry)),
        new SessionIdentity(sessions));
  }
}
