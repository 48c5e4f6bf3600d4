package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's headers are believed from trusted_proxies only: the same request from an address
 * outside them is anonymous. And mode none, where nobody logs in and everyone sees everything.
 */
@ExtendWith(VertxExtension.class)
class ProxyTrustTest {
  private static final Map<String, String> ROOT =
      Map.of("X-Remote-User", "root", "X-Remote-Groups", "teachers");

  @TempDir Path dir;

  private TestHub hub(Vertx vertx, String trustedProxies) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), RoleAccessHub.METRICS_TOKEN);
    HubConfig config =
        new HubConfigReader().read(RoleAccessHub.config(token, trustedProxies), "test.yaml");
    return new TestHub(vertx, config, Scenario.clock());
  }

  @Test
  void headersFromATrustedAddressNameTheUser(Vertx vertx) throws Exception {
    TestHub hub = hub(vertx, "['127.0.0.0/8', '::1/128']");
    TestHub.Response r = hub.get("/api/v1/whoami", ROOT);
    assertEquals(200, r.status(), r.body());
    assertEquals("root", r.json().getString("user"));
    assertEquals(200, hub.get("/metrics", ROOT).status());
    TestLiveClient.connect(vertx, hub.port(), new WebSocketClientOptions(), ROOT).close();
  }

  @Test
  void theSameHeadersFromAnywhereElseAreIgnored(Vertx vertx) throws Exception {
    TestHub hub = hub(vertx, "['10.0.0.0/8', '2001:db8::/32']");
    TestHub.Response r = hub.get("/api/v1/whoami", ROOT);
    assertEquals(401, r.status(), r.body());
    assertEquals(new JsonObject().put("error", "not logged in").put("login", "proxy"), r.json());
    assertEquals(401, hub.get("/api/v1/jobs/4711", ROOT).status());
    assertEquals(401, hub.get("/metrics", ROOT).status());
    assertEquals(
        200,
        hub.get("/metrics", Map.of("Authorization", "Bearer " + RoleAccessHub.METRICS_TOKEN))
            .status(),
        "the scraper's token does not depend on the proxy");
    assertEquals(200, hub.get("/healthz", ROOT).status());
    UpgradeRejectedException e =
        assertThrows(
            UpgradeRejectedException.class,
            () -> TestLiveClient.connect(vertx, hub.port(), new WebSocketClientOptions(), ROOT));
    assertEquals(401, e.getStatus());
  }

  @Test
  void modeNoneShowsEverythingToEveryone(Vertx vertx) {
    TestHub hub = new TestHub(vertx, HubConfig.defaults(), Scenario.clock());
    Scenario.feed(hub).forEach(a -> a.close());
    TestHub.Response r = hub.get("/api/v1/whoami", Map.of("X-Remote-User", "alice"));
    assertEquals(200, r.status(), r.body());
    assertEquals(
        new JsonObject()
            .put("user", null)
            .put("role", "operator")
            .put("accounts", new io.vertx.core.json.JsonArray())
            .put("login", "none"),
        r.json());
    assertEquals(200, hub.get("/metrics").status());
    assertEquals(200, hub.get("/api/v1/nodes/node-b").status());
    assertTrue(hub.get("/api/v1/cluster").body().contains("idle-job"));
  }

  @Test
  void aTrustedProxyThatIsNoAddressIsAConfigurationError() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new HubConfigReader()
                    .read(
                        "auth: {mode: proxy, proxy: {trusted_proxies: [10.0.0.0/8, proxy.lan]}}",
                        "hub.yaml"));
    assertEquals(
        "hub.yaml: auth.proxy.trusted_proxies: 'proxy.lan' is not an IPv4 or IPv6 address",
        e.getMessage());
  }

  @Test
  void proxyModeWithoutTrustedProxiesIsAConfigurationError() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new HubConfigReader().read("auth: {mode: proxy}", "hub.yaml"));
    assertEquals(
        "hub.yaml: auth.proxy.trusted_proxies: mode: proxy needs the front end's addresses (CIDRs)",
        e.getMessage());
  }
}
