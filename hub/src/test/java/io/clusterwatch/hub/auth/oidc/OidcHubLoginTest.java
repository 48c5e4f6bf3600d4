package io.clusterwatch.hub.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole hub in {@code auth.mode: oidc}: the dashboard's 401 names the method, {@code /auth/login}
 * goes to a {@link TestIdentityProvider}, the callback starts a hub session, and that session's
 * cookie is then who the API sees, with the role {@code roles:} gives the provider's groups.
 */
class OidcHubLoginTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0.toEpochMilli());
  private Vertx vertx;
  private TestIdentityProvider idp;
  private TestHub hub;
  private WebClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    idp = TestIdentityProvider.start(vertx, clock).toCompletionStage().toCompletableFuture().get();
    Path secret = Files.writeString(dir.resolve("oidc.secret"), TestIdentityProvider.CLIENT_SECRET);
    // The callback's host is never dialled by the test: it follows the provider's redirect by hand
    // to the hub's real port, so a name that resolves nowhere keeps the test honest about that.
    String yaml =
        String.join(
            "\n",
            "auth:",
            "  mode: oidc",
            "  oidc:",
            "    issuer: " + idp.issuer(),
            "    client_id: " + TestIdentityProvider.CLIENT_ID,
            "    client_secret_file: " + secret,
            "    redirect_uri: http://hub.invalid/auth/callback",
            "roles:",
            "  instructors:",
            "    '@course-a': [cs101]");
    hub = new TestHub(vertx, new HubConfigReader().read(yaml, "test.yaml"), clock);
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterEach
  void stop() {
    client.close();
    hub.stop();
    idp.close().toCompletionStage().toCompletableFuture().join();
    vertx.close().await();
  }

  @Test
  void aLoginAtTheProviderBecomesAHubSessionWithTheRoleOfItsGroups() throws Exception {
    TestHub.Response anonymous = hub.get("/api/v1/whoami");
    assertEquals(401, anonymous.status());
    assertEquals("oidc", anonymous.json().getString("login"));

    TestHub.Response toProvider = hub.get("/auth/login?return_to=%2F%23%2Fjobs");
    assertEquals(302, toProvider.status(), toProvider.body());
    List<String> cookies = cookies(toProvider);
    HttpResponse<Buffer> atProvider =
        client.getAbs(toProvider.header("location")).send().await(20, TimeUnit.SECONDS);
    assertEquals(302, atProvider.statusCode(), atProvider.bodyAsString());
    URI callback = URI.create(atProvider.getHeader("Location"));
    assertEquals("/auth/callback", callback.getPath());

    TestHub.Response back =
        hub.request(
            HttpMethod.GET,
            callback.getRawPath() + "?" + callback.getRawQuery(),
            null,
            Map.of("cookie", String.join("; ", cookies)));
    assertEquals(303, back.status(), back.body());
    assertEquals("/#/jobs", back.header("location"));
    String session = String.join("; ", cookies(back));
    assertTrue(session.startsWith("clusterwatch_session="), session);

    JsonObject who = hub.get("/api/v1/whoami", Map.of("cookie", session)).json();
    assertEquals("alice", who.getString("user"));
    assertEquals("instructor", who.getString("role"));
    assertEquals(new JsonArray().add("cs101"), who.getJsonArray("accounts"));
  }

  /** The name=value parts of a response's Set-Cookie headers that set a value. */
  private static List<String> cookies(TestHub.Response response) {
    List<String> out = new ArrayList<>();
    String all = response.header("set-cookie");
    assertNotNull(all, "no Set-Cookie in " + response.headers());
    for (String cookie : all.split("\n")) {
      String pair = cookie.split(";", 2)[0].trim();
      if (!pair.endsWith("=")) {
        out.add(pair);
      }
    }
    return out;
  }
}
