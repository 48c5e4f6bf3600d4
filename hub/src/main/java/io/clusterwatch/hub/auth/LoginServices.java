package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.auth.ldap.LdapDirectory;
import io.clusterwatch.hub.auth.session.SessionServices;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What the hub's event loops share for logins: the sessions, and the directory of {@code auth.mode:
 * ldap}.
 *
 * @param sessions the session table, the login limit and the session cookie's identity
 * @param ldap the directory; null unless {@code auth.mode} is ldap
 */
public record LoginServices(SessionServices sessions, LdapDirectory ldap) {
  /** Reads the directory's CA and bind password files now, so that a bad one stops the start. */
  public static LoginServices create(AuthSettings auth, Clock clock, MeterRegistry registry) {
    LdapDirectory ldap = null;
    if (auth.loginMode() == AuthSettings.Mode.LDAP) {
      try {
        ldap = LdapDirectory.of(auth.ldap());
      } catch (ConfigException e) {
        throw e.under("auth.ldap");
      }
    }
    return new LoginServices(SessionServices.create(auth, clock, registry), ldap);
  }
}
