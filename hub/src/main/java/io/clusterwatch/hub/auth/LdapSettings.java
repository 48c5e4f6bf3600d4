package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code auth.ldap}: the directory the hub binds to as the user who logs in.
 *
 * @param url {@code ldaps://host:636} or {@code ldap://host:389} (then {@code start_tls})
 * @param startTls upgrade an {@code ldap://} connection with StartTLS ({@code start_tls}, default
 *     false)
 * @param caFile PEM file of the CA that signed the directory's certificate; default the JVM's trust
 *     ({@code ca_file})
 * @param userDnTemplate the user's DN with {@code {user}} for the login name, e.g. {@code
 *     uid={user},ou=people,dc=example,dc=org} ({@code user_dn_template}); else a search
 * @param baseDn where to search for the user and the groups ({@code base_dn})
 * @param userFilter the search for the user, {@code {user}} escaped ({@code user_filter}, default
 *     {@code (uid={user})})
 * @param bindDn who searches, when the directory refuses anonymous search ({@code bind_dn})
 * @param bindPasswordFile that account's password, in a file ({@code bind_password_file})
 * @param groupFilter the search under {@code base_dn} for the user's groups, {@code {dn}} and
 *     {@code {user}} escaped ({@code group_filter}, default none: no groups)
 * @param groupNameAttribute the attribute naming a group ({@code group_name_attribute}, default cn)
 * @param timeout connect and read timeout ({@code timeout}, default 5s)
 */
public record LdapSettings(
    String url,
    Boolean startTls,
    String caFile,
    String userDnTemplate,
    String baseDn,
    String userFilter,
    String bindDn,
    String bindPasswordFile,
    String groupFilter,
    String groupNameAttribute,
    Duration timeout) {
  public LdapSettings {
    if (url == null || url.isBlank()) {
      throw new ConfigException("url", "is required, e.g. ldaps://ldap.example.org:636");
    }
    String scheme = url.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("ldap://") && !scheme.startsWith("ldaps://")) {
      throw new ConfigException("url", "must start with ldap:// or ldaps://; got '" + url + "'");
    }
    startTls = Objects.requireNonNullElse(startTls, false);
    if (startTls && scheme.startsWith("ldaps://")) {
      throw new ConfigException("start_tls", "cannot upgrade an ldaps:// connection, already TLS");
    }
    if (userDnTemplate == null && baseDn == null) {
      throw new ConfigException(
          "user_dn_template", "or base_dn is required: how to find the user's entry");
    }
    if (userDnTemplate != null && !userDnTemplate.contains("{user}")) {
      throw new ConfigException("user_dn_template", "must contain {user}: " + userDnTemplate);
    }
    userFilter = Objects.requireNonNullElse(userFilter, "(uid={user})");
    if (!userFilter.contains("{user}")) {
      throw new ConfigException("user_filter", "must contain {user}: " + userFilter);
    }
    if ((bindDn == null) != (bindPasswordFile == null)) {
      throw new ConfigException(
          bindDn == null ? "bind_dn" : "bind_password_file",
          "bind_dn and bind_password_file go together");
    }
    if (groupFilter != null && baseDn == null) {
      throw new ConfigException("base_dn", "is required with group_filter: where to search");
    }
    groupNameAttribute = Objects.requireNonNullElse(groupNameAttribute, "cn");
    timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(5));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("timeout", "must be positive: " + timeout);
    }
  }

  /** True for {@code ldaps://}. */
  public boolean ldaps() {
    return url.toLowerCase(Locale.ROOT).startsWith("ldaps://");
  }
}
