package io.clusterwatch.hub.live;

import io.clusterwatch.hub.metrics.HubMeters;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One browser connection. Writes never queue without bound: when the previous message has not
 * drained (the socket's write queue is full), the new one is skipped; the next tick carries newer
 * data (latest wins).
 */
final class LiveSession {
  private final ServerWebSocket ws;
  private final HubMeters meters;
  private LiveView view;

  LiveSession(ServerWebSocket ws, HubMeters meters, int maxWriteQueueBytes) {
    this.ws = ws;
    this.meters = meters;
    ws.setWriteQueueMaxSize(maxWriteQueueBytes);
  }

  LiveView view() {
    return view;
  }

  void view(LiveView view) {
    this.view = view;
  }

  /** Sends a snapshot; a snapshot is never skipped (it is the base every delta builds on). */
  void sendSnapshot(String json) {
    ws.writeTextMessage(json);
    meters.liveSnapshotSent();
  }

  /**
   * Sends a delta unless the client is behind.
   *
   * @param newestSampleMs agent timestamp of the newest data in it, for the latency meter
   * @param sentMs hub time of sending
   */
  void sendDelta(String json, long newestSampleMs, long sentMs) {
    if (ws.writeQueueFull()) {
      meters.liveSkipped();
      return;
    }
    ws.writeTextMessage(json);
    meters.liveSent(newestSampleMs > 0 ? sentMs - newestSampleMs : -1);
  }

  void sendError(String message) {
    if (!ws.writeQueueFull()) {
      ws.writeTextMessage(new JsonObject().put("type", "error").put("error", message).encode());
    }
  }

  void close(short status, String reason) {
    ws.close(status, reason);
  }
}
