package io.clusterwatch.hub.live;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.auth.Viewer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

/**
 * The {@code /live} WebSocket: a browser subscribes to one view at a time with {@code {"type":
 * "subscribe", "view": "..."}} and gets a snapshot, then deltas from the {@link LivePublisher}. A
 * bad message gets an error message; the connection stays open.
 */
public final class LiveHandler {
  /** WebSocket close status 1009: message too big. */
  private static final short TOO_BIG = 1009;

  /** WebSocket close status 1008: policy violation. */
  private static final short POLICY_VIOLATION = 1008;

  private final HubServices hub;
  private final LivePublisher publisher;

  public LiveHandler(HubServices hub, LivePublisher publisher) {
    this.hub = hub;
    this.publisher = publisher;
  }

  /**
   * Takes one of the hub's {@code live.max_clients} places for a connection being upgraded; false
   * when none is left. The place is given back when the connection closes, or by {@link
   * #upgradeFailed} when the upgrade does not complete.
   */
  public boolean tryOpen() {
    return hub.liveClients().tryOpen();
  }

  public void upgradeFailed() {
    hub.liveClients().closed();
  }

  /**
   * Who opens a /live connection: null when they are anonymous (outside {@code auth.mode: none}),
   * whose upgrade is refused.
   */
  public Viewer viewer(MultiMap headers, SocketAddress peer) {
    return hub.access().viewer(headers, peer);
  }

  /**
   * Serves an upgraded connection of {@code viewer} (from {@link #viewer}; a connection whose
   * viewer is gone by now is closed).
   */
  public void handle(ServerWebSocket ws, Viewer viewer) {
    if (viewer == null) {
      hub.liveClients().closed();
      ws.close(POLICY_VIOLATION, "not logged in");
      return;
    }
    LiveSession session =
        new LiveSession(ws, hub.meters(), hub.config().live().maxWriteQueue().toIntExact(), viewer);
    publisher.add(session);
    hub.meters().liveClientOpened();
    ws.textMessageHandler(text -> onText(session, text));
    ws.binaryMessageHandler(b -> session.sendError("binary messages are not understood"));
    ws.exceptionHandler(e -> {});
    ws.closeHandler(
        v -> {
          hub.liveClients().closed();
          publisher.remove(session);
          hub.meters().liveClientClosed();
        });
  }

  private void onText(LiveSession session, String text) {
    if (text.length() > hub.config().live().maxMessage().bytes()) {
      session.close(TOO_BIG, "message too large");
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      session.sendError("message is not a JSON object");
      return;
    }
    if (!"subscribe".equals(message.getValue("type"))) {
      session.sendError("unknown message type: expected subscribe");
      return;
    }
    Object viewName = message.getValue("view");
    LiveView view = viewName instanceof String s ? LiveView.parse(s) : null;
    if (view == null) {
      session.sendError("view must be cluster, node:{host} or job:{id}");
      return;
    }
    String refusal = LiveAccess.refusal(hub, session.viewer(), view);
    if (refusal != null) {
      session.sendError(refusal);
      return;
    }
    if (!publisher.subscribe(session, view)) {
      session.sendError(
          "unknown " + (view.kind() == LiveView.Kind.NODE ? "node: " : "job: ") + view.id());
    }
  }
}
