package io.clusterwatch.simulator.connection;

import io.clusterwatch.protocol.SeriesTable;
import io.vertx.core.http.WebSocket;

/**
 * One connection attempt of a simulated node and its state. The node ignores the events of a
 * session that is no longer its current one. Only touched on the simulator's event loop.
 */
final class HubSession {
  /** The socket, once open. */
  WebSocket ws;

  /** The series table the hub decodes the next frame with on this connection. */
  SeriesTable tableInForce;

  /** The sequence number of the next frame to send on this connection. */
  long cursor;

  /** True once the hub's welcome arrived. */
  boolean streaming;

  /** True until the job snapshot of this connection is sent. */
  boolean snapshotPending;

  long welcomedAtMs;

  /** The timer that gives up on a missing welcome, -1 when none. */
  long welcomeTimer = -1;
}
