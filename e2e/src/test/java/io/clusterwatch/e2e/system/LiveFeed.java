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
 * A subscription to the hub's {@code /live} cluster view: the snapshot and deltas the hub pushes
 * (one per live tick) are queued, so a test can wait for the hub's next push instead of sleeping.
 * Only the latest few are kept; a reader always gets a push that arrived after its previous read.
 */
final class LiveFeed implements AutoCloseable {
  private static final int KEPT = 8;

  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  LiveFeed(String wsBase) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(wsBase + "/live"), new Listener())
            .get(10, TimeUnit.SECONDS);
    socket
        .sendText(new JsonObject().put("type", "subscribe").put("view", "cluster").encode(), true)
        .get(10, TimeUnit.SECONDS);
  }

  /**
   * The latest push not read yet, waiting up to {@code timeout} for one; older unread ones are
   * dropped. An AssertionError when none comes.
   */
  JsonObject next(Duration timeout) throws InterruptedException {
    JsonObject m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    for (JsonObject newer = messages.poll(); newer != null; newer = messages.poll()) {
      m = newer;
    }
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
        while (messages.size() > KEPT) {
          messages.poll();
        }
      }
      ws.request(1);
      return null;
    }
  }
}
