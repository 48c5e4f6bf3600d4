package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.config.HubConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code auth.oidc} read from hub.yaml text: its defaults and what it refuses. */
class OidcSettingsTest {
  private static final String BASE =
      "auth:\n  mode: oidc\n  oidc:\n"
          + "    issuer: https://keycloak.example.org/realms/hpc\n"
          + "    client_id: clusterwatch\n"
          + "    redirect_uri: https://hub.example.org/auth/callback\n";

  private final HubConfigReader reader = new HubConfigReader();

  private OidcSettings read(String yaml) {
    return reader.read(yaml, "hub.yaml").auth().oidc();
  }

  @Test
  void leftOutKeysTakeTheirDefaults() {
    OidcSettings s = read(BASE);
    assertEquals("https://keycloak.example.org/realms/hpc", s.issuer());
    assertEquals("clusterwatch", s.clientId());
    assertEquals(null, s.clientSecretFile(), "a public client has no secret");
    assertEquals(List.of("openid", "profile", "email"), s.scopes());
    assertEquals("preferred_username", s.usernameClaim());
    assertEquals("groups", s.groupsClaim());
  }

  @Test
  void writtenKeysWin() {
    OidcSettings s =
        read(
            BASE
                + "    client_secret_file: /etc/clusterwatch/oidc.secret\n"
                + "    scopes: [openid, groups]\n"
                + "    username_claim: uid\n"
                + "    groups_claim: roles\n");
    assertEquals("/etc/clusterwatch/oidc.secret", s.clientSecretFile());
    assertEquals(List.of("openid", "groups"), s.scopes());
    assertEquals("uid", s.usernameClaim());
    assertEquals("roles", s.groupsClaim());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "issuer: '' | hub.yaml: auth.oidc.issuer: is required",
        "issuer: keycloak.example.org | hub.yaml: auth.oidc.issuer: expected an http:// or https:// URL with a host, got 'keycloak.example.org'",
        "issuer: 'https://bad host/realms' | hub.yaml: auth.oidc.issuer: expected an http:// or https:// URL with a host, got 'https://bad host/realms'",
        "client_id: '' | hub.yaml: auth.oidc.client_id: is required",
        "redirect_uri: 'ftp://hub/auth/callback' | hub.yaml: auth.oidc.redirect_uri: expected an http:// or https:// URL with a host, got 'ftp://hub/auth/callback'",
        "redirect_uri: 'https://hub.example.org/callback' | hub.yaml: auth.oidc.redirect_uri: must end with /auth/callback, where the hub takes the provider's answer; got 'https://hub.example.org/callback'",
        "scopes: [profile, email] | hub.yaml: auth.oidc.scopes: must include openid (without it there is no ID token); got [profile, email]",
        "client_secret_file: '' | hub.yaml: auth.oidc.client_secret_file: must name a file, or be left out",
      })
  void badValuesAreOneLineNamingTheKey(String override, String message) {
    String key = override.substring(0, override.indexOf(':'));
    String yaml =
        BASE.lines().filter(l -> !l.trim().startsWith(key + ":")).reduce("", (a, l) -> a + l + "\n")
            + "    "
            + override
            + "\n";
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    assertEquals(message, e.getMessage());
  }

  @Test
  void missingRequiredKeyIsNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> read("auth:\n  mode: oidc\n  oidc:\n    client_id: clusterwatch\n"));
    assertEquals("hub.yaml: auth.oidc.issuer: is required", e.getMessage());
  }
}
