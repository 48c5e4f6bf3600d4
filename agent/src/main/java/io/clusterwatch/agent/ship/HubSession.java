package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.SeriesTable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;

/**
 * One connection attempt to the hub and its state. The shipper ignores the events of a session that
 * is no longer its current one. Fields are guarded by the shipper's lock.
 */
final class HubSession implements HubWebSocket.Events {
  /** What the shipper does with a session's events. */
  interface Handler {
    void opened(HubSession session, HubWebSocket ws);

    void received(HubSession session, String text);

    void lost(HubSession session, Throwable error);
  }

  private final Handler handler;
  private final long id;

  /** The socket, once open. */
  HubWebSocket ws;

  /** The series table the hub decodes the next frame with on this connection. */
  SeriesTable tableInForce;

  /** The sequence number of the next frame to send on this connection. */
  long cursor;

  /** True once the hub's welcome arrived. */
  boolean streaming;

  /** True while a message is being sent: the next waits for its completion. */
  boolean inFlight;

  /** True until the job snapshot of this connection is sent. */
  boolean snapshotPending;

  long welcomedAtMs;
  ScheduledFuture<?> welcomeTimeout;

  HubSession(long id, Handler handler) {
    this.id = id;
    this.handler = handler;
  }

  void cancelTimeout() {
    if (welcomeTimeout != null) {
      welcomeTimeout.cancel(false);
      welcomeTimeout = null;
    }
  }

  @Override
  public void opened(HubWebSocket webSocket) {
    handler.opened(this, webSocket);
  }

  @Override
  public void text(String message) {
    handler.received(this, message);
  }

  @Override
  public void closed(int statusCode, String reason) {
    handler.lost(this, new IOException("closed by the hub (" + statusCode + " " + reason + ")"));
  }

  @Override
  public void failed(Throwable error) {
    handler.lost(this, error);
  }

  @Override
  public String toString() {
    return "connection " + id;
  }
}
