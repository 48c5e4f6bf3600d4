package io.clusterwatch.hub.auth.oidc;

import io.clusterwatch.hub.auth.ExternalLogin;
import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.clusterwatch.hub.auth.LoginSink;
import io.clusterwatch.hub.auth.OidcSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code auth.mode: oidc}: the OpenID Connect authorization-code flow with PKCE (RFC 7636, S256).
 * {@code GET /auth/login?return_to=/path} sends the browser to the provider with a fresh state,
 * nonce and code challenge kept here; {@code GET /auth/callback} takes the provider's answer back,
 * exchanges the code with the code verifier, checks the ID token and hands the user to the sink. A
 * cookie set with the redirect ties the callback to the browser that started the login.
 */
public final class OidcLogin implements ExternalLogin {
  /** How long a user may spend at the provider's login page. */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

  /** Logins in flight at once; past it the oldest is dropped. */
  static final int PENDING_CAPACITY = 10_000;

  /** How far the provider's clock may run ahead of the hub's when the ID token's expiry is read. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** Connect and idle timeout for discovery, JWKS and the code exchange. */
  private static final int PROVIDER_TIMEOUT_MS = 10_000;

  private final OAuth2Auth provider;
  private final OidcSettings settings;
  private final Clock clock;
  private final PendingLogins pending;
  private final IdTokenCheck idToken;
  private final ClaimsIdentity claims;
  private final LoginCookie cookie;
  private final SecureRandom random = new SecureRandom();

  private OidcLogin(OAuth2Auth provider, String issuer, OidcSettings settings, Clock clock) {
    this.provider = provider;
    this.settings = settings;
    this.clock = clock;
    this.pending = new PendingLogins(clock, PENDING_LIFETIME, PENDING_CAPACITY);
    this.idToken = new IdTokenCheck(issuer, settings.clientId(), clock, CLOCK_SKEW);
    this.claims = new ClaimsIdentity(settings.usernameClaim(), settings.groupsClaim());
    this.cookie = new LoginCookie(settings.redirectUri().startsWith("https:"), PENDING_LIFETIME);
  }

  /**
   * Reads the client secret and the provider's discovery document and keys.
   *
   * @return the login, or a failed future saying what could not be read or reached
   */
  public static Future<OidcLogin> create(Vertx vertx, OidcSettings settings, Clock clock) {
    String site = settings.issuer().replaceAll("/+$", "");
    return ClientSecret.read(vertx, settings.clientSecretFile())
        .compose(
            secret -> {
              OAuth2Options options =
                  new OAuth2Options()
                      .setSite(site)
                      .setClientId(settings.clientId())
                      .setClientSecret(secret)
                      .setJWTOptions(new JWTOptions().setLeeway((int) CLOCK_SKEW.toSeconds()))
                      .setHttpClientOptions(
                          new HttpClientOptions()
                              .setConnectTimeout(PROVIDER_TIMEOUT_MS)
                              .setIdleTimeout(PROVIDER_TIMEOUT_MS / 1000));
              return OpenIDConnectAuth.discover(vertx, options)
                  .recover(
                      e ->
                          Future.failedFuture(
                              new IllegalStateException(
                                  "auth.oidc.issuer: OpenID discovery at "
                                      + site
                                      + "/.well-known/openid-configuration failed: "
                                      + e.getMessage(),
                                  e)))
                  .map(
                      provider -> {
                        String issuer = options.getJWTOptions().getIssuer();
                        KeyRefresh.onUnknownKey(provider, clock);
                        return new OidcLogin(
                            provider, issuer != null ? issuer : site, settings, clock);
                      });
            });
  }

  @Override
  public void mount(Router router, LoginSink sink) {
    router.get("/auth/login").handler(this::start);
    router.get(OidcSettings.CALLBACK_PATH).handler(ctx -> callback(ctx, sink));
  }

  private void start(RoutingContext ctx) {
    PendingLogin login =
        PendingLogin.start(
            random, ReturnPath.local(ctx.request().getParam("return_to")), clock.millis());
    pending.put(login);
    String url =
        provider.authorizeURL(
            new OAuth2AuthorizationURL()
                .setRedirectUri(settings.redirectUri())
                .setScopes(settings.scopes())
                .setState(login.state())
                .setCodeChallenge(login.codeChallenge())
                .setCodeChallengeMethod("S256")
                .putAdditionalParameter("nonce", login.nonce()));
    cookie.set(ctx.response(), login.state());
    ctx.response()
        .setStatusCode(302)
        .putHeader("Location", url)
        .putHeader("Cache-Control", "no-store")
        .end();
  }

  private void callback(RoutingContext ctx, LoginSink sink) {
    String state = ctx.request().getParam("state");
    PendingLogin login = state == null ? null : pending.take(state);
    if (login == null) {
      sink.refused(ctx, "OpenID callback with an unknown, expired or already used state");
      return;
    }
    // read before clearing: the response's cookies replace the request's of the same name
    boolean sameBrowser = LoginCookie.presentFor(ctx.request(), state);
    cookie.clear(ctx.response(), state);
    if (!sameBrowser) {
      sink.refused(ctx, "OpenID callback in a browser that did not start this login");
      return;
    }
    String error = ctx.request().getParam("error");
    String code = ctx.request().getParam("code");
    if (error != null || code == null) {
      sink.refused(
          ctx,
          "OpenID provider answered without a code: "
              + (error == null ? "no error given" : error)
              + describe(ctx.request().getParam("error_description")));
      return;
    }
    Oauth2Credentials exchange =
        new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code)
            .setRedirectUri(settings.redirectUri())
            .setCodeVerifier(login.codeVerifier());
    Future.<Void>succeededFuture()
        .compose(v -> provider.authenticate(exchange))
        .recover(
            e ->
                Future.failedFuture(
                    new LoginRefusedException("code exchange failed: " + e.getMessage())))
        .compose(user -> identify(user, login))
        .onSuccess(who -> sink.loggedIn(ctx, who, login.returnTo()))
        .onFailure(e -> sink.refused(ctx, "OpenID login refused: " + e.getMessage()));
  }

  private Future<Identity> identify(User user, PendingLogin login) {
    try {
      String raw = user.principal().getString("id_token");
      if (raw == null) {
        throw new LoginRefusedException("the token response has no id_token");
      }
      // vertx-auth-oauth2 sets idToken only when the signature verifies against the JWKS and the
      // issuer and audience match; otherwise it leaves it out without saying why
      JsonObject verified = user.attributes().getJsonObject("idToken");
      if (verified == null) {
        idToken.check(IdTokenCheck.unverifiedClaims(raw), login.nonce());
        String kid = user.attributes().getString("missing-kid");
        if (kid != null) {
          throw new LoginRefusedException(
              "ID token is signed with key '"
                  + kid
                  + "', which the provider's jwks_uri does not list");
        }
        throw new LoginRefusedException(
            "ID token signature does not verify against the provider's keys (jwks_uri)");
      }
      idToken.check(verified, login.nonce());
      return Future.succeededFuture(claims.of(verified));
    } catch (LoginRefusedException e) {
      return Future.failedFuture(e);
    }
  }

  private static String describe(String description) {
    return description == null ? "" : " (" + description + ")";
  }
}
