package io.clusterwatch.hub.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser's side of /live over a real WebSocket. */
public final class TestLiveClient implements AutoCloseable {
  private static final long WAIT_S = 10;
  private final WebSocketClient client;
  public final WebSocket ws;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  private TestLiveClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> received.add(new JsonObject(t)));
  }

  public static TestLiveClient connect(Vertx vertx, int port, WebSocketClientOptions options) {
    return connect(vertx, port, options, Map.of());
  }

  /**
   * Opens /live with these upgrade request headers.
   *
   * @throws io.vertx.core.http.UpgradeRejectedException when the hub refuses the upgrade
   */
  public static TestLiveClient connect(
      Vertx vertx, int port, WebSocketClientOptions options, Map<String, String> headers) {
    WebSocketClient client =
        vertx.createWebSocketClient(options.setMaxMessageSize(64 << 20).setMaxFrameSize(64 << 20));
    WebSocketConnectOptions connect =
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/live");
    headers.forEach(connect::putHeader);
    try {
      return new TestLiveClient(client, client.connect(connect).await());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  public static TestLiveClient connect(Vertx vertx, int port) {
    return connect(vertx, port, new WebSocketClientOptions());
  }

  public void subscribe(String view) {
    ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("view", view).encode())
        .await();
  }

  public void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** The next message matching {@code wanted}, skipping others. */
  public JsonObject next(Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
    try {
      while (true) {
        JsonObject m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (m == null) {
          throw new AssertionError("no matching /live message within " + WAIT_S + " s");
        }
        if (wanted.test(m)) {
          return m;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonObject next(String type) {
    return next(m -> type.equals(m.getString("type")));
  }

  @Override
  public void close() {
    ws.close().otherwiseEmpty().await();
    client.close().await();
  }
}
