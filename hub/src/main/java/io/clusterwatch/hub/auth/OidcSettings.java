package io.clusterwatch.hub.auth;

import java.util.List;

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
    String groupsClaim) {}
