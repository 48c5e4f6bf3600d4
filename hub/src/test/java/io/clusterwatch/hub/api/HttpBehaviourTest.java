package io.clusterwatch.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /healthz, JSON errors for every failure, security headers and the static file rules. */
@ExtendWith(VertxExtension.class)
class HttpBehaviourTest {
  private TestHub hub;

  @BeforeEach
  void start(Vertx vertx) {
    hub = new TestHub(vertx);
  }

  @Test
  void healthz() {
    TestHub.Response r = hub.get("/healthz");
    assertEquals(200, r.status());
    assertEquals("ok", r.json().getString("status"));
  }

  @Test
  void everyResponseCarriesTheContentSecurityPolicy() {
    for (String uri : new String[] {"/healthz", "/probe.txt", "/api/v1/nope", "/api/v1/cluster"}) {
      TestHub.Response r = hub.get(uri);
      assertEquals(StaticContent.CONTENT_SECURITY_POLICY, r.header("content-security-policy"), uri);
      assertEquals("nosniff", r.header("x-content-type-options"), uri);
    }
    assertFalse(StaticContent.CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
  }

  @Test
  void staticFilesAreServedButNeverDotfiles() {
    TestHub.Response probe = hub.get("/probe.txt");
    assertEquals(200, probe.status());
    assertEquals("probe\n", probe.body());
    for (String uri :
        new String[] {
          "/.env", "/%2e%2e/webroot/.env", "/webjars/../webroot/.env", "/probe.txt%2F..%2F.env"
        }) {
      TestHub.Response r = hub.get(uri);
      assertEquals(404, r.status(), uri);
      assertFalse(r.body().contains("do-not-serve"), uri);
    }
  }

  @Test
  void theEchartsWebjarIsServed() {
    TestHub.Response r = hub.get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertEquals(200, r.status());
    assertTrue(r.body().length() > 100_000);
  }

  @Test
  void unknownRoutesAreJsonErrors() {
    TestHub.Response api = hub.get("/api/v1/nope");
    assertEquals(404, api.status());
    assertEquals("application/json", api.header("content-type"));
    assertTrue(api.json().getString("error").contains("/api/v1/nope"));
    TestHub.Response page = hub.get("/no-such-page.html");
    assertEquals(404, page.status());
    assertEquals("not found", page.json().getString("error"));
  }

  @Test
  void wrongMethodIsAJsonError() {
    TestHub.Response r = hub.request(HttpMethod.DELETE, "/healthz", null);
    assertEquals(405, r.status());
    assertEquals("method not allowed", r.json().getString("error"));
  }

  @Test
  void oversizedBodyIsRefusedWithJson() {
    TestHub.Response r =
        hub.request(HttpMethod.POST, "/api/v1/cluster", Buffer.buffer(new byte[200_000]));
    assertEquals(413, r.status());
    assertEquals("request body too large", r.json().getString("error"));
  }

  @Test
  void unknownWebSocketPathIsRefused(Vertx vertx) {
    // Held until the answer: a client garbage collected mid-handshake fails it for another reason.
    WebSocketClient client = vertx.createWebSocketClient();
    boolean failed =
        client
            .connect(hub.port(), "localhost", "/nope")
            .transform(ar -> Future.succeededFuture(ar.failed()))
            .await();
    client.close().await();
    assertTrue(failed);
  }
}
