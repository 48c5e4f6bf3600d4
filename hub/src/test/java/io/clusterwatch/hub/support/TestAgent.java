package io.clusterwatch.hub.support;

import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.Hello;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An agent's side of /ingest over a real WebSocket: sends hellos, frames and job messages, and
 * hands the hub's answers to the test thread as they arrive.
 */
public final class TestAgent implements AutoCloseable {
  private static final long WAIT_S = 10;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<ControlMessage> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private TestAgent(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> received.add(codec.decode(t)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  public static TestAgent connect(Vertx vertx, int port) {
    return connect(vertx, port, new WebSocketClientOptions());
  }

  /** Connects with {@code options} (TLS settings, for instance) to localhost:{@code port}. */
  public static TestAgent connect(Vertx vertx, int port, WebSocketClientOptions options) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions(options)
                .setMaxFrameSize(64 << 20)
                .setMaxMessageSize(64 << 20));
    try {
      WebSocket ws =
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("localhost")
                      .setPort(port)
                      .setURI("/ingest"))
              .await();
      return new TestAgent(client, ws);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The certificates the hub presented on this connection, its own first. */
  public java.util.List<java.security.cert.Certificate> serverCertificates() {
    try {
      return ws.peerCertificates();
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new AssertionError("the hub presented no certificate", e);
    }
  }

  public static Hello hello(String host, String agentId, SeriesTable table, long lastAcked) {
    return new Hello(
        ProtocolVersion.CURRENT,
        host,
        agentId,
        "boot-1",
        1000,
        "",
        lastAcked,
        "test-1.0",
        table,
        TestTables.attributes());
  }

  /** {@code h} with {@code token} in place of its own, as an agent configured with it sends. */
  public static Hello withToken(Hello h, String token) {
    return new Hello(
        h.protocol(),
        h.host(),
        h.agentId(),
        h.bootId(),
        h.intervalMs(),
        token,
        h.lastAckedSeq(),
        h.agentVersion(),
        h.table(),
        h.attributes());
  }

  public void send(ControlMessage m) {
    ws.writeTextMessage(codec.encode(m)).await();
  }

  public void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  public void sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes)).await();
  }

  /** The next message from the hub; fails the test when none comes in time. */
  public ControlMessage next() {
    try {
      ControlMessage m = received.poll(WAIT_S, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message from the hub within " + WAIT_S + " s");
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message already received, or null when none is waiting (never waits). */
  public ControlMessage poll() {
    return received.poll();
  }

  /** Waits for the next message of {@code type}, skipping others (acks arrive between). */
  @SuppressWarnings("unchecked")
  public <T extends ControlMessage> T next(Class<T> type) {
    while (true) {
      ControlMessage m = next();
      if (type.isInstance(m)) {
        return (T) m;
      }
    }
  }

  /** Waits until an ack of at least {@code seq} arrives. */
  public void awaitAck(long seq) {
    while (true) {
      ControlMessage m = next();
      if (m instanceof io.clusterwatch.protocol.message.Ack a && a.seq() >= seq) {
        return;
      }
    }
  }

  /** The close status once the hub closed the connection. */
  public short awaitClose() {
    try {
      return closed.get(WAIT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the hub did not close the connection", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.close().await();
    }
    client.close().await();
  }
}
