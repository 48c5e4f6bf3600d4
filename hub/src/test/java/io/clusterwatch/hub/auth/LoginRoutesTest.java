package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.session.LoginMeters;
import io.clusterwatch.hub.auth.session.LoginThrottle;
import io.clusterwatch.hub.auth.session.SameOriginPost;
import io.clusterwatch.hub.auth.session.SessionCookie;
import io.clusterwatch.hub.auth.session.SessionIdentity;
import io.clusterwatch.hub.auth.session.SessionLogin;
import io.clusterwatch.hub.auth.session.SessionTable;
import io.clusterwatch.hub.support.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /auth/login and /auth/logout over real sockets, with a password check that knows two users:
 * the session cookie, the one failure message, the per-address limit (clients bound to different
 * loopback addresses), the cross-site guard and the session id rotation.
 */
class LoginRoutesTest {
  private static final Map<String, String> PASSWORDS = Map.of("alice", "right", "bob", "bobs");

  private final MutableClock clock = new MutableClock(10_000_000);
  private final AtomicInteger checks = new AtomicInteger();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Vertx vertx;
  private HttpServer server;
  private SessionTable sessions;
  private boolean directoryDown;

  /** What the test's password check does: the real contract of PasswordCheck, from a map. */
  private Future<Identity> check(String user, String password) {
    checks.incrementAndGet();
    if (directoryDown) {
      return Future.failedFuture(new javax.naming.CommunicationException("connection refused"));
    }
    if (password.equals(PASSWORDS.get(user))) {
      return Future.succeededFuture(new Identity(user, Set.of("instructors")));
    }
    return Future.failedFuture(new LoginRefusedException("wrong password for " + user));
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    sessions = new SessionTable(clock, Duration.ofHours(8), 1000, new SecureRandom());
    LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(5), 1000);
    SessionLogin login = new SessionLogin(sessions, throttle, new LoginMeters(registry));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(65_536));
    new LoginRoutes(this::check, login).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private record Reply(int status, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    /** The session id the reply's Set-Cookie hands out, or null. */
    String sessionId() {
      for (String c : headers.getAll("set-cookie")) {
        if (c.startsWith(SessionCookie.NAME + "=")) {
          String v = c.substring(SessionCookie.NAME.length() + 1, c.indexOf(';'));
          return v.isEmpty() ? null : v;
        }
      }
      return null;
    }
  }

  private Reply post(String from, String path, String type, String body, String cookie) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(server.actualPort())
            .setURI(path)
            // A lost exchange fails here, naming its path, instead of at the test's timeout.
            .setConnectTimeout(10_000)
            .setIdleTimeout(10_000);
    if (type != null) {
      options.putHeader("content-type", type);
    }
    options.putHeader(SameOriginPost.HEADER, "1");
    if (cookie != null) {
      options.putHeader("cookie", SessionCookie.NAME + "=" + cookie);
    }
    return send(from, options, body);
  }

  private Reply send(String from, RequestOptions options, String body) {
    // Held until the reply is read: Vert.x 5 shuts down a client that is garbage collected, and
    // an exchange in flight on it then never completes.
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions().setLocalAddress(from).setKeepAlive(false));
    try {
      return client
          .request(options)
          .compose(r -> r.send(Buffer.buffer(body == null ? "" : body)))
          .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.headers(), b.toString())))
          .await();
    } finally {
      client.close().await();
    }
  }

  private Reply loginJson(String from, String user, String password) {
    String body =
        new JsonObject()
            .put("user", user)
            .put("password", password)
            .put("return_to", "/#/jobs")
            .encode();
    return post(from, "/auth/login", "application/json", body, null);
  }

  private double counted(String result) {
    return registry.get("clusterwatch.hub.auth.logins").tag("result", result).counter().count();
  }

  @Test
  void theRightPasswordStartsASessionWithASecureCookie() {
    Reply r = loginJson("127.0.0.1", "alice", "right");
    assertEquals(200, r.status(), r.body());
    assertEquals("alice", r.json().getString("user"));
    assertEquals("/#/jobs", r.json().getString("return_to"));
    String cookie = r.headers().get("set-cookie");
    assertTrue(cookie.contains("Secure") && cookie.contains("HTTPOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("cookie", SessionCookie.NAME + "=" + r.sessionId());
    assertEquals("alice", new SessionIdentity(sessions).identify(headers, null).user());
    assertEquals("no-store", r.headers().get("cache-control"));
    assertEquals(1.0, counted("ok"));
  }

  @Test
  void aFormLoginIsRedirectedToItsLocalReturnPathOnly() {
    Reply r =
        post(
            "127.0.0.1",
            "/auth/login",
            "application/x-www-form-urlencoded",
            "user=alice&password=right&return_to=%2F%23%2Fidle",
            null);
    assertEquals(303, r.status());
    assertEquals("/#/idle", r.headers().get("location"));
    assertNotNull(r.sessionId());
    for (String evil : new String[] {"https%3A%2F%2Fevil.example", "%2F%2Fevil.example"}) {
      Reply open =
          post(
              "127.0.0.1",
              "/auth/login",
              "application/x-www-form-urlencoded",
              "user=alice&password=right&return_to=" + evil,
              null);
      assertEquals("/", open.headers().get("location"), evil);
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    Reply wrong = loginJson("127.0.0.1", "alice", "wrong");
    Reply unknown = loginJson("127.0.0.1", "mallory", "right");
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.body(), unknown.body());
    assertEquals(SessionLogin.FAILED, wrong.json().getString("error"));
    assertNull(wrong.sessionId());
    assertEquals(2.0, counted("failed"));
  }

  @Test
  void emptyPasswordsAreRefusedWithoutAskingTheDirectory() {
    assertEquals(401, loginJson("127.0.0.1", "alice", "").status());
    assertEquals(401, loginJson("127.0.0.1", "", "right").status());
    assertEquals(0, checks.get());
  }

  @Test
  void afterFiveFailuresAnAddressWaitsForTheWindowAndOthersDoNot() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, loginJson("127.0.0.1", "alice", "guess" + i).status());
      clock.advance(1000);
    }
    int asked = checks.get();
    Reply limited = loginJson("127.0.0.1", "alice", "right");
    assertEquals(429, limited.status());
    assertEquals("295", limited.headers().get("retry-after"));
    assertTrue(limited.json().getString("error").contains("295 s"), limited.body());
    assertEquals(asked, checks.get(), "a limited address never reaches the directory");
    assertEquals(1.0, counted("limited"));
    // another address logs in, and that resets nothing for the first
    assertEquals(200, loginJson("127.0.0.2", "bob", "bobs").status());
    assertEquals(429, loginJson("127.0.0.1", "alice", "right").status());
    clock.advance(Duration.ofSeconds(294).toMillis());
    assertEquals(429, loginJson("127.0.0.1", "alice", "right").status());
    clock.advance(Duration.ofSeconds(1).toMillis());
    assertEquals(200, loginJson("127.0.0.1", "alice", "right").status());
    String metrics = registry.scrape();
    assertTrue(
        metrics.contains("clusterwatch_hub_auth_logins_total{result=\"limited\"} 3.0"), metrics);
  }

  @Test
  void aBrokenDirectoryIsA503AndCountsNoFailure() {
    directoryDown = true;
    for (int i = 0; i < 7; i++) {
      Reply r = loginJson("127.0.0.1", "alice", "right");
      assertEquals(503, r.status());
    }
    assertEquals(0.0, counted("failed"));
  }

  @Test
  void postsWithoutTheOwnPageHeaderAreRefused() {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(server.actualPort())
            .setURI("/auth/login")
            .putHeader("content-type", "application/x-www-form-urlencoded")
            .putHeader("origin", "https://evil.example");
    Reply r = send("127.0.0.1", options, "user=alice&password=right");
    assertEquals(403, r.status());
    assertNull(r.sessionId());
    assertEquals(0, checks.get());
  }

  @Test
  void aLoginRotatesTheSessionIdAndLogoutEndsIt() {
    String planted = sessions.start(new Identity("mallory", Set.of()));
    Reply r =
        post(
            "127.0.0.1",
            "/auth/login",
            "application/json",
            new JsonObject().put("user", "alice").put("password", "right").encode(),
            planted);
    String id = r.sessionId();
    assertNotEquals(planted, id);
    assertNull(sessions.find(planted), "the id the browser had before the login is gone");
    assertEquals("alice", sessions.find(id).user());

    RequestOptions noHeader =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(server.actualPort())
            .setURI("/auth/logout")
            .putHeader("cookie", SessionCookie.NAME + "=" + id);
    assertEquals(403, send("127.0.0.1", noHeader, null).status());
    assertNotNull(sessions.find(id), "a cross-site logout does nothing");

    Reply out = post("127.0.0.1", "/auth/logout", null, null, id);
    assertEquals(204, out.status());
    assertTrue(out.headers().get("set-cookie").contains("Max-Age=0"));
    assertNull(sessions.find(id));
  }

  @Test
  void aBodyThatIsNotJsonIsA400() {
    Reply r = post("127.0.0.1", "/auth/login", "application/json", "{user: alice", null);
    assertEquals(400, r.status());
    assertEquals(0, checks.get());
  }
}
