package io.clusterwatch.simulator;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The hub side of wire protocol v1 reduced to recording: welcomes every hello with the highest
 * sequence number it stored for that host, decodes each frame against the table in force on its
 * connection, stores and (unless told not to) acks it, and keeps everything per host. It can also
 * drop every connection and forget frames, as a hub that crashed before storing them would.
 */
final class RecordingHub implements AutoCloseable {
  /** What one host sent. */
  static final class HostRecord {
    final List<ControlMessage> messages = new ArrayList<>();

    /** Every frame received, resends included, in arrival order. */
    final List<DataFrame> received = new ArrayList<>();

    /** Frames stored: received and not forgotten. */
    final List<DataFrame> stored = new ArrayList<>();

    int connections;
    SeriesTable table;

    long lastStoredSeq() {
      return stored.isEmpty() ? 0 : stored.get(stored.size() - 1).sequence();
    }
  }

  private final Vertx vertx;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final Map<String, HostRecord> hosts = new HashMap<>();
  private final List<ServerWebSocket> sockets = new ArrayList<>();
  private HttpServer server;
  private boolean acking = true;

  RecordingHub(Vertx vertx) {
    this.vertx = vertx;
  }

  int start() throws Exception {
    server =
        vertx
            .createHttpServer()
            .webSocketHandler(this::accept)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /** Whether frames are acknowledged as they are stored. */
  synchronized void acking(boolean on) {
    acking = on;
  }

  /**
   * Forgets every stored frame after {@code keepUpTo}, starts acking, and closes every connection:
   * the next hello of each host is welcomed with what is left.
   */
  void crash(long keepUpTo) {
    List<ServerWebSocket> open;
    synchronized (this) {
      for (HostRecord r : hosts.values()) {
        r.stored.removeIf(f -> f.sequence() > keepUpTo);
      }
      acking = true;
      open = new ArrayList<>(sockets);
      sockets.clear();
    }
    open.forEach(ServerWebSocket::close);
  }

  private void accept(ServerWebSocket ws) {
    synchronized (this) {
      sockets.add(ws);
    }
    String[] host = new String[1];
    ws.textMessageHandler(
        text -> {
          ControlMessage m = codec.decode(text);
          synchronized (this) {
            if (m instanceof Hello h) {
              host[0] = h.host();
            }
            HostRecord r = hosts.computeIfAbsent(host[0], k -> new HostRecord());
            r.messages.add(m);
            if (m instanceof Hello h) {
              r.connections++;
              r.table = h.table();
              ws.writeTextMessage(
                  codec.encode(new Welcome(r.lastStoredSeq(), System.currentTimeMillis(), false)));
            } else if (m instanceof Schema s) {
              r.table = s.table();
            }
            notifyAll();
          }
        });
    ws.binaryMessageHandler(
        buf -> {
          synchronized (this) {
            // A frame still in flight on a connection the crash closed never reaches the store.
            if (!sockets.contains(ws)) {
              return;
            }
            HostRecord r = hosts.get(host[0]);
            DataFrame frame = DataFrameCodec.decode(buf.getBytes(), r.table);
            r.received.add(frame);
            if (frame.sequence() > r.lastStoredSeq()) {
              r.stored.add(frame);
            }
            if (acking) {
              ws.writeTextMessage(codec.encode(new Ack(frame.sequence())));
            }
            notifyAll();
          }
        });
  }

  /** Waits until {@code condition} holds over the records, or fails after {@code timeout}. */
  synchronized void await(Predicate<Map<String, HostRecord>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(hosts)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out; hosts seen: " + hosts.keySet());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  synchronized HostRecord host(String host) {
    return hosts.get(host);
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
