package io.clusterwatch.hub.auth;

import java.time.Duration;

/**
 * {@code auth.ldap}: the directory the hub binds to as the user who logs in.
 *
 * @param url {@code ldaps://host:636} or {@code ldap://host:389} (then {@code start_tls})
 * @param startTls upgrade an {@code ldap://} connection with StartTLS ({@code start_tls})
 * @param caFile PEM file of the CA that signed the directory's certificate; default the JVM's trust
 *     ({@code ca_file})
 * @param userDnTemplate the user's DN with {@code {user}} for the login name, e.g. {@code
 *     uid={user},ou=people,dc=example,dc=org} ({@code user_dn_template}); else a search
 * @param baseDn where to search for the user and the groups ({@code base_dn})
 * @param userFilter the search for the user, {@code {user}} escaped ({@code user_filter})
 * @param bindDn who searches, when the directory refuses anonymous search ({@code bind_dn})
 * @param bindPasswordFile that account's password, in a file ({@code bind_password_file})
 * @param groupFilter the search for the user's groups, {@code {dn}} and {@code {user}} escaped
 *     ({@code group_filter})
 * @param groupNameAttribute the attribute naming a group ({@code group_name_attribute})
 * @param timeout connect and read timeout ({@code timeout})
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
    Duration timeout) {}
