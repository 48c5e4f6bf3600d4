package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code auth} keys of ldap mode read from YAML: defaults, and one line per mistake. */
class LoginConfigTest {
  private final HubConfigReader reader = new HubConfigReader();

  private HubConfig read(String yaml) {
    return reader.read(yaml, "hub.yaml");
  }

  @Test
  void ldapDefaults() {
    LdapSettings ldap =
        read("auth: {mode: ldap, ldap: {url: 'ldaps://ldap:636', base_dn: 'dc=x'}}").auth().ldap();
    assertEquals("(uid={user})", ldap.userFilter());
    assertEquals("cn", ldap.groupNameAttribute());
    assertEquals(Duration.ofSeconds(5), ldap.timeout());
    assertEquals(false, ldap.startTls());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "auth: {mode: ldap} | hub.yaml: auth.ldap: is required with mode: ldap",
        "auth: {mode: ldap, ldap: {base_dn: 'dc=x'}} | hub.yaml: auth.ldap.url: is required, e.g. ldaps://ldap.example.org:636",
        "auth: {mode: ldap, ldap: {url: 'http://ldap', base_dn: 'dc=x'}} | hub.yaml: auth.ldap.url: must start with ldap:// or ldaps://; got 'http://ldap'",
        "auth: {mode: ldap, ldap: {url: 'ldaps://ldap', start_tls: true, base_dn: 'dc=x'}} | hub.yaml: auth.ldap.start_tls: cannot upgrade an ldaps:// connection, already TLS",
        "auth: {mode: ldap, ldap: {url: 'ldap://ldap'}} | hub.yaml: auth.ldap.user_dn_template: or base_dn is required: how to find the user's entry",
        "auth: {mode: ldap, ldap: {url: 'ldap://ldap', user_dn_template: 'uid=alice'}} | hub.yaml: auth.ldap.user_dn_template: must contain {user}: uid=alice",
        "auth: {mode: ldap, ldap: {url: 'ldap://ldap', base_dn: 'dc=x', user_filter: '(uid=*)'}} | hub.yaml: auth.ldap.user_filter: must contain {user}: (uid=*)",
        "auth: {mode: ldap, ldap: {url: 'ldap://ldap', base_dn: 'dc=x', bind_dn: 'cn=r'}} | hub.yaml: auth.ldap.bind_password_file: bind_dn and bind_password_file go together",
        "auth: {mode: ldap, ldap: {url: 'ldap://ldap', user_dn_template: 'uid={user}', group_filter: '(member={dn})'}} | hub.yaml: auth.ldap.base_dn: is required with group_filter: where to search",
        "auth: {login_failures: 0} | hub.yaml: auth.login_failures: must be at least 1: 0",
      })
  void everyMistakeNamesItsKey(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    assertEquals(message, e.getMessage());
  }

  @Test
  void anUnreadableBindPasswordFileStopsTheStart(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    AuthSettings auth =
        read("auth: {mode: ldap, ldap: {url: 'ldap://ldap', base_dn: 'dc=x', bind_dn: 'cn=r',"
                + " bind_password_file: '"
                + empty
                + "'}}")
            .auth();
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                LoginServices.create(
                    auth,
                    Clock.systemUTC(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    assertEquals("auth.ldap.bind_password_file: " + empty + " is empty", e.getMessage());
  }
}
