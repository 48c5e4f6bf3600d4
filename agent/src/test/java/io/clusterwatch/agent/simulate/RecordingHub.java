package io.clusterwatch.agent.simulate;

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
 * The hub side of wire protocol v1 reduced to recording: welcomes every hello, decodes each frame
 * against the table in force on its connection, acks it, and keeps everything per host.
 */
final class RecordingHub implements AutoCloseable {
  /** What one host sent. */
  static final class HostRecord {
    final List<ControlMessage> messages = new ArrayList<>();
    final List<DataFrame> frames = new ArrayList<>();
    SeriesTable table;
  }

  private final Vertx vertx;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final Map<String, HostRecord> hosts = new HashMap<>();
  private HttpServer server;

  RecordingHub(Vertx vertx) {
    this.vertx = vertx;
  }

  int start() throws Exception {
    server = vertx.createHttpServer().webSocketHandler(this::accept).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private void accept(ServerWebSocket ws) {
    String[] host = new String[1];
    ws.textMessageHandler(text -> {
      ControlMessage m = codec.decode(text);
      synchronized (this) {
        if (m instanceof Hello h) {
          host[0] = h.host();
          ws.writeTextMessage(codec.encode(new Welcome(0, System.currentTimeMillis())));
        }
        HostRecord r = hosts.computeIfAbsent(host[0], k -> new HostRecord());
        r.messages.add(m);
        if (m instanceof Hello h) {
          r.table = h.table();
        } else if (m instanceof Schema s) {
          r.table = s.table();
        }
        notifyAll();
      }
    });
    ws.binaryMessageHandler(buf -> {
      synchronized (this) {
        HostRecord r = hosts.get(host[0]);
        DataFrame frame = DataFrameCodec.decode(buf.getBytes(), r.table);
        r.frames.add(frame);
        ws.writeTextMessage(codec.encode(new Ack(frame.sequence())));
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
