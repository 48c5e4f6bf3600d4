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

  /** True when the welcome said the hub reads data frames unmasked (protocol/README.md). */
  boolean unmaskedData;

  /** When the welcome arrived, in the shipper clock's milliseconds. */
  long welcomedAtMs;

  /** Drops this connection unless the welcome arrives first; null once it did. */
  ScheduledFuture<?> welcomeTimeout;

  HubSession(long id, Handler handler) {
    this.id = id;
    this.handler = handler;
  }

  /**
   * The hub's welcome arrived: stop waiting for it and stream from the frame after {@code
   * hubLastSeq}, the last the hub holds, sending a job snapshot first when {@code sendSnapshot};
   * data frames go unmasked when {@code unmaskedData}.
   */
  void welcomed(long hubLastSeq, long nowMs, boolean sendSnapshot, boolean unmaskedData) {
    cancelTimeout();
    this.unmaskedData = unmaskedData;
    cursor = hubLastSeq + 1;
    streaming = true;
    welcomedAtMs = nowMs;
    snapshotPending = sendSnapshot;
  }

  /** The hub holds every frame up to {@code seq}: none of them is sent again on this connection. */
  void acked(long seq) {
    if (cursor <= seq) {
      cursor = seq + 1;
    }
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
