package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code auth}: how dashboard and API users log in.
 *
 * @param mode {@code none} (everyone sees everything), {@code proxy}, {@code ldap} or {@code oidc}
 *     ({@code mode}, default none)
 * @param proxy the trusted front end of {@code proxy} mode ({@code proxy})
 * @param ldap the directory of {@code ldap} mode ({@code ldap})
 * @param oidc the provider of {@code oidc} mode ({@code oidc})
 * @param sessionTimeout a session idle this long ends ({@code session_timeout}, default 8h)
 * @param loginFailures failed logins one address may make per {@code login_window} before it is
 *     refused until the window has passed ({@code login_failures}, default 5)
 * @param loginWindow ({@code login_window}, default 5m)
 */
public record AuthSettings(
    String mode,
    ProxySettings proxy,
    LdapSettings ldap,
    OidcSettings oidc,
    Duration sessionTimeout,
    Integer loginFailures,
    Duration loginWindow) {

  /** The login methods. */
  public enum Mode {
    NONE,
    PROXY,
    LDAP,
    OIDC
  }

  public AuthSettings {
    mode = Objects.requireNonNullElse(mode, "none").toLowerCase(Locale.ROOT);
    try {
      Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "mode", "must be one of none, proxy, ldap, oidc; got '" + mode + "'");
    }
    proxy = Objects.requireNonNullElse(proxy, ProxySettings.defaults());
    sessionTimeout = Objects.requireNonNullElse(sessionTimeout, Duration.ofHours(8));
    loginFailures = Objects.requireNonNullElse(loginFailures, 5);
    loginWindow = Objects.requireNonNullElse(loginWindow, Duration.ofMinutes(5));
    if (mode.equals("proxy") && proxy.trustedProxies().isEmpty()) {
      // Without them every request would be anonymous: a hub nobody can use.
      throw new ConfigException(
          "proxy.trusted_proxies", "mode: proxy needs the front end's addresses (CIDRs)");
    }
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new ConfigException("session_timeout", "must be positive: " + sessionTimeout);
    }
    if (loginFailures < 1) {
      throw new ConfigException("login_failures", "must be at least 1: " + loginFailures);
    }
    if (loginWindow.isNegative() || loginWindow.isZero()) {
      throw new ConfigException("login_window", "must be positive: " + loginWindow);
    }
    if (mode.equals("ldap") && ldap == null) {
      throw new ConfigException("ldap", "is required with mode: ldap");
    }
    if (mode.equals("oidc") && oidc == null) {
      throw new ConfigException("oidc", "is required with mode: oidc");
    }
  }

  /** The login method. */
  public Mode loginMode() {
    return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
  }

  /** Mode none. */
  public static AuthSettings defaults() {
    return new AuthSettings(null, null, null, null, null, null, null);
  }
}
