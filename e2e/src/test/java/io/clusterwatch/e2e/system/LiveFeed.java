package io.clusterwatch.e2e.system;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscription to the hub's {@code /live} cluster view: every snapshot and delta the hub pushes
 * (one per tick) is queued, so a test can wait for the hub's next tick instead of sleeping.
 */
final class LiveFeed implements AutoCloseable {
  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  LiveFeed(String wsBase) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(wsBase + "/live"), new Listener())
        .get(10, TimeUnit.SECONDS);
    socket.sendText(new JsonObject().put("type", "subscribe").put("view", "cluster").encode(), true)
        .get(10, TimeUnit.SECONDS);
  }

  /** The next message the hub pushes, or an AssertionError after {@code timeout}. */
  JsonObject next(Duration timeout) throws InterruptedException {
    JsonObject m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("the hub pushed nothing on /live for " + timeout);
    }
    if ("error".equals(m.getString("type"))) {
      throw new AssertionError("/live answered an error: " + m.encode());
    }
    return m;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
