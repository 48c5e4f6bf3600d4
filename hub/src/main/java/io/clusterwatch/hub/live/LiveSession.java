package io.clusterwatch.hub.live;

import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.metrics.HubMeters;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.Json;

/**
 * One browser connection. Writes never queue without bound: when the previous message has not
 * drained (the socket's write queue is full), the new one is skipped; the next tick carries newer
 * data (latest wins).
 */
final class LiveSession {
  /** WebSocket close status 1008: policy violation. */
  private static final short POLICY_VIOLATION = 1008;

  private final ServerWebSocket ws;
  private final HubMeters meters;
  private final Viewer viewer;
  private LiveView view;

  /** Signature of the alerts this client last received for its view; null: none yet. */
  private String alertsSignature;

  LiveSession(ServerWebSocket ws, HubMeters meters, int maxWriteQueueBytes, Viewer viewer) {
    this.ws = ws;
    this.meters = meters;
    this.viewer = viewer;
    ws.setWriteQueueMaxSize(maxWriteQueueBytes);
  }

  /** Who is watching: what they may subscribe to, and how the cluster view is cut for them. */
  Viewer viewer() {
    return viewer;
  }

  LiveView view() {
    return view;
  }

  void view(LiveView view) {
    this.view = view;
    this.alertsSignature = null;
  }

  String alertsSignature() {
    return alertsSignature;
  }

  /**
   * Sends an alerts message unless the client is behind; a skipped one is retried at a later tick
   * because the session's signature stays as it was.
   *
   * @param force send even when the client is behind (right after a snapshot, which was never
   *     skipped)
   */
  void sendAlerts(String json, String signature, boolean force) {
    if (!force && ws.writeQueueFull()) {
      meters.liveSkipped();
      return;
    }
    ws.writeTextMessage(json);
    alertsSignature = signature;
  }

  /**
   * Sends a snapshot. A snapshot is never skipped (deltas build on it), so a client that has not
   * drained its previous messages when it asks for one is disconnected rather than queued for.
   */
  void sendSnapshot(String json) {
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      ws.close(POLICY_VIOLATION, "client is not reading its messages");
      return;
    }
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
    // A client that went away between its close and the publisher's next tick: writing to it
    // would throw and end the tick for every other client.
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      meters.liveSkipped();
      return;
    }
    ws.writeTextMessage(json);
    meters.liveSent(newestSampleMs > 0 ? sentMs - newestSampleMs : -1);
  }

  void sendError(String message) {
    if (!ws.isClosed() && !ws.writeQueueFull()) {
      ws.writeTextMessage(Json.encode(new LiveMessages.ErrorReply(message)));
    }
  }

  void close(short status, String reason) {
    ws.close(status, reason);
  }
}
