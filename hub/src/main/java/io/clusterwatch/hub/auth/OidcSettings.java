package io.clusterwatch.hub.auth;

import io.clusterwatch.common.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * {@code auth.oidc}: OpenID Connect authorization-code flow with PKCE.
 *
 * @param issuer the provider's issuer URL; its {@code /.well-known/openid-configuration} is read at
 *     start ({@code issuer})
 * @param clientId this hub's client id at the provider ({@code client_id})
 * @param clientSecretFile the client secret, in a file ({@code client_secret_file}); absent for a
 *     public client
 * @param redirectUri the callback URL registered at the provider, e.g. {@code
 *     https://hub.example.org/auth/callback} ({@code redirect_uri})
 * @param scopes scopes asked for ({@code scopes}, default openid profile email)
 * @param usernameClaim the ID token claim that is the login name ({@code username_claim}, default
 *     preferred_username)
 * @param groupsClaim the claim listing the user's groups ({@code groups_claim}, default groups)
 */
public record OidcSettings(
    String issuer,
    String clientId,
    String clientSecretFile,
    String redirectUri,
    List<String> scopes,
    String usernameClaim,
    String groupsClaim) {

  /** Where the hub takes the provider's answer; the redirect URI's path must end with it. */
  public static final String CALLBACK_PATH = "/auth/callback";

  public OidcSettings {
    httpUrl("issuer", required("issuer", issuer));
    required("client_id", clientId);
    URI redirect = httpUrl("redirect_uri", required("redirect_uri", redirectUri));
    if (redirect.getPath() == null || !redirect.getPath().endsWith(CALLBACK_PATH)) {
      throw new ConfigException(
          "redirect_uri",
          "must end with "
              + CALLBACK_PATH
              + ", where the hub takes the provider's answer; got '"
              + redirectUri
              + "'");
    }
    if (clientSecretFile != null && clientSecretFile.isBlank()) {
      throw new ConfigException("client_secret_file", "must name a file, or be left out");
    }
    scopes = List.copyOf(Objects.requireNonNullElse(scopes, List.of("openid", "profile", "email")));
    if (!scopes.contains("openid")) {
      throw new ConfigException(
          "scopes", "must include openid (without it there is no ID token); got " + scopes);
    }
    usernameClaim = Objects.requireNonNullElse(usernameClaim, "preferred_username");
    groupsClaim = Objects.requireNonNullElse(groupsClaim, "groups");
  }

  private static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  private static URI httpUrl(String key, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme != null
          && (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, like any other URL that is not one
    }
    throw new ConfigException(
        key, "expected an http:// or https:// URL with a host, got '" + value + "'");
  }
}
