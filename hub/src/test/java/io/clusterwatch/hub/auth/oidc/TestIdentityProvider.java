package io.clusterwatch.hub.auth.oidc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect provider on a real socket, as far as the authorization-code flow with PKCE
 * goes: discovery, a JWKS with one RSA key, {@code /authorize} that "logs the user in" at once and
 * redirects back with a code, and {@code /token} that checks the client's credentials and the PKCE
 * verifier before it returns an RS256 ID token. Tests change what the next ID token says.
 */
final class TestIdentityProvider {
  static final String CLIENT_ID = "clusterwatch";
  static final String CLIENT_SECRET = "hub-secret-0f3a";
  static final String KEY_ID = "signing-key-1";
  static final String ROTATED_KEY_ID = "signing-key-2";

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** What a code was issued for. */
  private record Grant(String challenge, String nonce, String redirectUri) {}

  private final Clock clock;
  private final KeyPair published = rsaKey();
  private volatile KeyPair rotated;
  private volatile Promise<Void> jwksServed = Promise.promise();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private HttpServer server;
  private String issuer;

  /** The user's claims in the ID tokens issued from now on. */
  volatile JsonObject userClaims =
      new JsonObject()
          .put("preferred_username", "alice")
          .put("groups", new JsonArray().add("course-a").add("hpc-staff"));

  /** Changes the whole claim set of the ID tokens issued from now on (after userClaims). */
  volatile UnaryOperator<JsonObject> tamper = UnaryOperator.identity();

  /** The key the ID tokens are signed with; the published one unless a test swaps it. */
  volatile KeyPair signingKey = published;

  private volatile String signingKeyId = KEY_ID;

  /** Code verifiers whose SHA-256 matched the code challenge of their code. */
  final List<String> verifiedPkce = new CopyOnWriteArrayList<>();

  /** Why the token endpoint refused a request. */
  final List<String> tokenRefusals = new CopyOnWriteArrayList<>();

  private TestIdentityProvider(Clock clock) {
    this.clock = clock;
  }

  static Future<TestIdentityProvider> start(Vertx vertx, Clock clock) {
    TestIdentityProvider idp = new TestIdentityProvider(clock);
    Router router = Router.router(vertx);
    router.get("/realms/hpc/.well-known/openid-configuration").handler(idp::discovery);
    router.get("/jwks").handler(idp::jwks);
    router.get("/authorize").handler(idp::authorize);
    router.post("/token").handler(BodyHandler.create()).handler(idp::token);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .map(
            s -> {
              idp.server = s;
              idp.issuer = "http://127.0.0.1:" + s.actualPort() + "/realms/hpc";
              return idp;
            });
  }

  String issuer() {
    return issuer;
  }

  Future<Void> close() {
    return server.close();
  }

  /**
   * Publishes a second key and signs with it from now on, as a provider does when an administrator
   * rotates its keys.
   */
  void rotateKey() {
    rotated = rsaKey();
    signingKey = rotated;
    signingKeyId = ROTATED_KEY_ID;
  }

  /** Completes once the JWKS has next been sent. */
  Future<Void> nextJwksServed() {
    jwksServed = Promise.promise();
    return jwksServed.future();
  }

  static KeyPair rsaKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(RoutingContext ctx) {
    String base = issuer.substring(0, issuer.indexOf("/realms/"));
    json(
        ctx,
        200,
        new JsonObject()
            .put("issuer", issuer)
            .put("authorization_endpoint", base + "/authorize")
            .put("token_endpoint", base + "/token")
            .put("jwks_uri", base + "/jwks")
            .put("response_types_supported", new JsonArray().add("code"))
            .put("grant_types_supported", new JsonArray().add("authorization_code"))
            .put("code_challenge_methods_supported", new JsonArray().add("S256"))
            .put("subject_types_supported", new JsonArray().add("public"))
            .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256")));
  }

  private void jwks(RoutingContext ctx) {
    JsonArray keys = new JsonArray().add(jwk(KEY_ID, published));
    if (rotated != null) {
      keys.add(jwk(ROTATED_KEY_ID, rotated));
    }
    Promise<Void> served = jwksServed;
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("keys", keys).encode())
        .onComplete(served);
  }

  private static JsonObject jwk(String kid, KeyPair key) {
    RSAPublicKey pub = (RSAPublicKey) key.getPublic();
    return new JsonObject()
        .put("kty", "RSA")
        .put("kid", kid)
        .put("use", "sig")
        .put("alg", "RS256")
        .put("n", unsigned(pub.getModulus()))
        .put("e", unsigned(pub.getPublicExponent()));
  }

  /** The user is taken as logged in; the browser goes back with a code, as after a login form. */
  private void authorize(RoutingContext ctx) {
    var q = ctx.request();
    String redirect = q.getParam("redirect_uri");
    String state = q.getParam("state");
    String scope = q.getParam("scope", "");
    if (!CLIENT_ID.equals(q.getParam("client_id"))
        || !"code".equals(q.getParam("response_type"))
        || !"S256".equals(q.getParam("code_challenge_method"))
        || q.getParam("code_challenge") == null
        || q.getParam("nonce") == null
        || state == null
        || redirect == null
        || !Arrays.asList(scope.split(" ")).contains("openid")) {
      ctx.response().setStatusCode(400).end("bad authorization request: " + q.query());
      return;
    }
    String code = secret();
    grants.put(code, new Grant(q.getParam("code_challenge"), q.getParam("nonce"), redirect));
    ctx.response()
        .setStatusCode(302)
        .putHeader("Location", redirect + "?code=" + code + "&state=" + state)
        .end();
  }

  private void token(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!basic.equals(ctx.request().getHeader("Authorization"))) {
      refuse(ctx, 401, "invalid_client", "client credentials do not match");
      return;
    }
    Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
    if (!"authorization_code".equals(form.get("grant_type")) || grant == null) {
      refuse(ctx, 400, "invalid_grant", "unknown or used code");
      return;
    }
    if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
      refuse(ctx, 400, "invalid_grant", "redirect_uri differs from the authorization request");
      return;
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !PendingLogin.challengeOf(verifier).equals(grant.challenge())) {
      refuse(ctx, 400, "invalid_grant", "PKCE verification failed");
      return;
    }
    verifiedPkce.add(verifier);
    long now = clock.millis() / 1000;
    JsonObject claims =
        new JsonObject()
            .put("iss", issuer)
            .put("sub", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
            .put("aud", CLIENT_ID)
            .put("azp", CLIENT_ID)
            .put("iat", now)
            .put("exp", now + 300)
            .put("nonce", grant.nonce())
            .mergeIn(userClaims.copy());
    json(
        ctx,
        200,
        new JsonObject()
            .put("access_token", secret())
            .put("token_type", "Bearer")
            .put("expires_in", 300)
            .put("id_token", sign(tamper.apply(claims))));
  }

  private String sign(JsonObject claims) {
    JsonObject header =
        new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", signingKeyId);
    String input = b64(header.encode()) + "." + b64(claims.encode());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(signingKey.getPrivate());
      rs256.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void refuse(RoutingContext ctx, int status, String error, String description) {
    tokenRefusals.add(description);
    json(ctx, status, new JsonObject().put("error", error).put("error_description", description));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private String secret() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return B64URL.encodeToString(bytes);
  }

  private static String b64(String text) {
    return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A JWK integer: big-endian without the sign byte (RFC 7518 section 6.3.1). */
  private static String unsigned(BigInteger n) {
    byte[] bytes = n.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64URL.encodeToString(bytes);
  }
}
