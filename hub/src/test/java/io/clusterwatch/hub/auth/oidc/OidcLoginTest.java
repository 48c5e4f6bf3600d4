package io.clusterwatch.hub.auth.oidc;

import static io.clusterwatch.hub.auth.oidc.TestIdentityProvider.CLIENT_ID;
import static io.clusterwatch.hub.auth.oidc.TestIdentityProvider.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.OidcSettings;
import io.clusterwatch.hub.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole login over real sockets: a browser (a WebClient session keeping cookies, following
 * redirects by hand) goes from the hub's {@code /auth/login} to a {@link TestIdentityProvider} and
 * back to {@code /auth/callback}; the hub exchanges the code and hands the user to a {@link
 * RecordingSink}.
 */
@ExtendWith(VertxExtension.class)
class OidcLoginTest {
  /** The hub's clock, far from the machine's, so that only the injected clock can pass expiry. */
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0.toEpochMilli());
  private final RecordingSink sink = new RecordingSink();
  private Vertx vertx;
  private TestIdentityProvider idp;
  private HttpServer hub;
  private String hubUrl;
  private WebClient client;
  private WebClientSession browser;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    browser = WebClientSession.create(client);
    idp = await(TestIdentityProvider.start(vertx, clock));
    Router router = Router.router(vertx);
    hub = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    hubUrl = "http://127.0.0.1:" + hub.actualPort();
    Path secret = Files.writeString(dir.resolve("oidc.secret"), CLIENT_SECRET + "\n");
    await(OidcLogin.create(vertx, settings(secret.toString()), clock)).mount(router, sink);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    await(hub.close());
    await(idp.close());
  }

  private OidcSettings settings(String secretFile) {
    return new OidcSettings(
        idp.issuer(), CLIENT_ID, secretFile, hubUrl + "/auth/callback", null, null, null);
  }

  @Test
  void userComesBackLoggedInWithNameGroupsAndThePageTheyAskedFor() throws Exception {
    String callback = throughProvider("/jobs/4711?range=1h");
    HttpResponse<Buffer> back = get(callback);

    assertEquals(List.of(), sink.refused);
    assertEquals(303, back.statusCode());
    assertEquals("/jobs/4711?range=1h", back.getHeader("Location"));
    assertEquals(
        List.of(
            new RecordingSink.LoggedIn(
                new Identity("alice", Set.of("course-a", "hpc-staff")), "/jobs/4711?range=1h")),
        sink.loggedIn);
    assertEquals(1, idp.verifiedPkce.size(), "the provider checked the code verifier");
  }

  @Test
  void aGroupsClaimLeftOutMeansNoGroupsAndAStringIsOneGroup() throws Exception {
    idp.userClaims = new JsonObject().put("preferred_username", "bob");
    get(throughProvider("/"));
    idp.userClaims = new JsonObject().put("preferred_username", "carol").put("groups", "course-b");
    get(throughProvider("/"));

    assertEquals(List.of(), sink.refused);
    assertEquals(new Identity("bob", Set.of()), sink.loggedIn.get(0).who());
    assertEquals(new Identity("carol", Set.of("course-b")), sink.loggedIn.get(1).who());
  }

  @Test
  void anExpiredIdTokenIsRefused() throws Exception {
    long now = T0.getEpochSecond();
    idp.tamper = c -> c.put("iat", now - 600).put("exp", now - 120);
    assertRefused(get(throughProvider("/")), "ID token expired at 2026-03-02T08:58:00Z");
  }

  @Test
  void aTokenForAnotherClientIsRefused() throws Exception {
    idp.tamper = c -> c.put("aud", "grafana");
    assertRefused(
        get(throughProvider("/")),
        "ID token audience grafana does not include client_id 'clusterwatch'");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws Exception {
    idp.tamper = c -> c.put("iss", "https://evil.example.org/realms/hpc");
    assertRefused(
        get(throughProvider("/")),
        "ID token issuer is 'https://evil.example.org/realms/hpc', expected '"
            + idp.issuer()
            + "'");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    idp.signingKey = TestIdentityProvider.rsaKey();
    assertRefused(get(throughProvider("/")), "signature does not verify");
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenFirstNamesIt() throws Exception {
    idp.rotateKey();
    Future<Void> refetched = idp.nextJwksServed();
    assertRefused(
        get(throughProvider("/")),
        "ID token is signed with key 'RS256#signing-key-2', which the provider's jwks_uri does not list");
    await(refetched);
    assertEquals(303, get(throughProvider("/")).statusCode(), sink.refused.toString());
    assertEquals("alice", sink.loggedIn.get(0).who().user());
  }

  @Test
  void aTokenWithAnotherLoginsNonceIsRefused() throws Exception {
    idp.tamper = c -> c.put("nonce", "nonce-of-another-login");
    assertRefused(get(throughProvider("/")), "nonce does not match");
  }

  @Test
  void aStateIsUsedOnceAndAnUnknownOneIsRefused() throws Exception {
    String callback = throughProvider("/");
    assertEquals(303, get(callback).statusCode());
    assertRefused(get(callback), "unknown, expired or already used state");
    assertRefused(
        get(hubUrl + "/auth/callback?code=abc&state=made-up"),
        "unknown, expired or already used state");
    assertRefused(
        get(hubUrl + "/auth/callback?code=abc"), "unknown, expired or already used state");
    assertEquals(1, sink.loggedIn.size());
  }

  @Test
  void aCodeIssuedToAnotherLoginFailsTheProvidersPkceCheck() throws Exception {
    // an attacker's code (their own login, their own challenge) injected into the victim's callback
    URI victim = URI.create(throughProvider("/"));
    URI attacker = URI.create(throughProvider("/"));
    String injected =
        hubUrl
            + "/auth/callback?code="
            + param(attacker, "code")
            + "&state="
            + param(victim, "state");

    assertRefused(get(injected), "code exchange failed: invalid_grant: PKCE verification failed");
    assertEquals(List.of("PKCE verification failed"), idp.tokenRefusals);
    assertEquals(List.of(), idp.verifiedPkce);
  }

  @Test
  void aBrowserThatDidNotStartTheLoginCannotFinishIt() throws Exception {
    // login CSRF: the attacker logs in at the provider and hands the callback link to a victim
    WebClientSession attacker = WebClientSession.create(client);
    String callback = throughProvider(attacker, hubUrl, "/");
    assertRefused(get(browser, callback), "in a browser that did not start this login");
    assertRefused(get(attacker, callback), "unknown, expired or already used state");
    assertEquals(List.of(), sink.loggedIn);
  }

  @Test
  void theLoginCookieIsHttpOnlyLaxUnderAuthAndClearedOnReturn() throws Exception {
    List<String> set = get(hubUrl + "/auth/login").cookies();
    assertEquals(1, set.size(), set.toString());
    assertTrue(set.get(0).startsWith("cw_oidc_"), set.get(0));
    String attributes = set.get(0).toLowerCase(Locale.ROOT);
    for (String attribute : List.of("path=/auth;", "httponly", "samesite=lax", "max-age=600;")) {
      assertTrue(attributes.contains(attribute), set.get(0));
    }
    List<String> cleared = get(throughProvider("/")).cookies();
    assertTrue(cleared.stream().anyMatch(c -> c.contains("Max-Age=0")), cleared.toString());
  }

  @Test
  void aLoginLeftAtTheProviderTooLongIsRefused() throws Exception {
    String callback = throughProvider("/");
    clock.advance(OidcLogin.PENDING_LIFETIME.toMillis());
    assertRefused(get(callback), "unknown, expired or already used state");
  }

  @Test
  void theProvidersRefusalIsPassedOn() throws Exception {
    URI callback = URI.create(throughProvider("/"));
    String denied =
        hubUrl
            + "/auth/callback?error=access_denied&error_description=user+cancelled&state="
            + param(callback, "state");
    assertRefused(
        get(denied), "OpenID provider answered without a code: access_denied (user cancelled)");
  }

  @Test
  void onlyLocalPathsAreReturnedTo() throws Exception {
    get(throughProvider("https://evil.example.org/"));
    get(throughProvider("//evil.example.org/"));
    assertEquals(
        List.of("/", "/"), sink.loggedIn.stream().map(RecordingSink.LoggedIn::returnTo).toList());
  }

  @Test
  void aWrongClientSecretFailsTheCodeExchange() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong.secret"), "not-the-secret");
    Router router = Router.router(vertx);
    HttpServer other =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    String otherUrl = "http://127.0.0.1:" + other.actualPort();
    OidcSettings s =
        new OidcSettings(
            idp.issuer(),
            CLIENT_ID,
            wrong.toString(),
            otherUrl + "/auth/callback",
            null,
            null,
            null);
    await(OidcLogin.create(vertx, s, clock)).mount(router, sink);

    String callback = throughProvider(browser, otherUrl, "/");
    assertRefused(get(callback), "invalid_client");
    assertEquals(List.of("client credentials do not match"), idp.tokenRefusals);
    await(other.close());
  }

  @Test
  void aMissingSecretFileIsAClearError() {
    String missing = dir.resolve("absent.secret").toString();
    Throwable e =
        OidcLogin.create(vertx, settings(missing), clock)
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, err) -> err)
            .join();
    assertTrue(
        e.getMessage().startsWith("auth.oidc.client_secret_file: cannot read '" + missing + "'"),
        e.getMessage());
  }

  @Test
  void anUnreachableProviderIsAClearError() throws Exception {
    HttpServer gone = await(vertx.createHttpServer().requestHandler(r -> {}).listen(0));
    int port = gone.actualPort();
    await(gone.close());
    OidcSettings s =
        new OidcSettings(
            "http://127.0.0.1:" + port + "/realms/hpc",
            CLIENT_ID,
            null,
            hubUrl + "/auth/callback",
            null,
            null,
            null);
    Throwable e =
        OidcLogin.create(vertx, s, clock)
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, err) -> err)
            .join();
    assertTrue(
        e.getMessage()
            .startsWith(
                "auth.oidc.issuer: OpenID discovery at http://127.0.0.1:"
                    + port
                    + "/realms/hpc/.well-known/openid-configuration failed"),
        e.getMessage());
  }

  /** Follows the hub's redirect to the provider and the provider's back; the callback URL. */
  private String throughProvider(String returnTo) throws Exception {
    return throughProvider(browser, hubUrl, returnTo);
  }

  private String throughProvider(WebClientSession who, String hubBase, String returnTo)
      throws Exception {
    HttpResponse<Buffer> toProvider =
        get(
            who,
            hubBase
                + "/auth/login?return_to="
                + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
    assertEquals(302, toProvider.statusCode());
    String authorize = toProvider.getHeader("Location");
    assertTrue(authorize.startsWith(idp.issuer().replace("/realms/hpc", "/authorize?")), authorize);
    HttpResponse<Buffer> back = get(who, authorize);
    assertEquals(302, back.statusCode(), back.bodyAsString());
    String callback = back.getHeader("Location");
    assertTrue(callback.startsWith(hubBase + "/auth/callback?code="), callback);
    return callback;
  }

  private void assertRefused(HttpResponse<Buffer> response, String reasonPart) {
    assertEquals(403, response.statusCode());
    assertEquals(1, sink.refused.size(), sink.refused.toString());
    String reason = sink.refused.remove(0);
    assertTrue(reason.contains(reasonPart), reason);
  }

  private HttpResponse<Buffer> get(String url) throws Exception {
    return get(browser, url);
  }

  private static HttpResponse<Buffer> get(WebClientSession who, String url) throws Exception {
    return await(who.getAbs(url).send());
  }

  private static String param(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in " + uri);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
