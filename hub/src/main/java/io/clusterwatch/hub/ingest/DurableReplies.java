package io.clusterwatch.hub.ingest;

import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;

/**
 * Sends one connection's welcome and acknowledgements only once the hub's {@link DurableLog} is
 * durable past everything they vouch for, so an agent lets go of a frame only when the hub can
 * replay it after a crash. Runs on the connection's event loop; the log's sync thread reaches it
 * through a listener that hands each durable position back to that loop.
 */
final class DurableReplies {
  private final ServerWebSocket ws;
  private final IngestHandler hub;
  private final Context context;
  private final DurableLog log;
  private final AckQueue waitingAcks = new AckQueue();
  private final DurableLog.DurableListener durableListener = this::durableElsewhere;
  private Welcome waitingWelcome;
  private long welcomePosition;
  private long ackPending = -1;
  private boolean stopped;

  DurableReplies(ServerWebSocket ws, IngestHandler hub, Context context) {
    this.ws = ws;
    this.hub = hub;
    this.context = context;
    this.log = hub.log();
  }

  /** Starts hearing from the log's sync thread; called once the hello is admitted. */
  void listen() {
    log.addListener(durableListener);
  }

  /** Sends nothing more: the connection is closing. */
  void stop() {
    stopped = true;
  }

  /** Sends nothing more and stops hearing from the log: the connection is closed. */
  void close() {
    stopped = true;
    log.removeListener(durableListener);
  }

  /** Sends {@code welcome} once the log is durable past everything appended so far. */
  void welcome(Welcome welcome) {
    long position = log.appendedPosition();
    if (position <= log.durablePosition()) {
      send(welcome);
    } else {
      waitingWelcome = welcome;
      welcomePosition = position;
    }
  }

  /**
   * Acknowledges {@code seq} once the log is durable past everything appended so far; when it
   * already is, once per batch of frames read together (the newest sequence wins).
   */
  void ack(long seq) {
    long position = log.appendedPosition();
    if (position > log.durablePosition()) {
      waitingAcks.add(position, seq);
      return;
    }
    boolean scheduled = ackPending >= 0;
    ackPending = Math.max(ackPending, seq);
    if (!scheduled) {
      hub.vertx()
          .getOrCreateContext()
          .runOnContext(
              v -> {
                long s = ackPending;
                ackPending = -1;
                if (!stopped) {
                  send(new Ack(s));
                }
              });
    }
  }

  /** The log's sync thread made {@code position} durable: hand the news to this event loop. */
  private void durableElsewhere(long position) {
    context.runOnContext(v -> durable(position));
  }

  private void durable(long position) {
    if (stopped) {
      return;
    }
    if (waitingWelcome != null && position >= welcomePosition) {
      send(waitingWelcome);
      waitingWelcome = null;
    }
    long seq = waitingAcks.drainUpTo(position);
    if (seq >= 0) {
      send(new Ack(seq));
    }
  }

  private void send(ControlMessage message) {
    ws.writeTextMessage(hub.codec().encode(message));
  }
}
