package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The hub side of wire protocol v1, small enough to read in one go: answers a hello with a welcome
 * carrying the last stored sequence number, decodes frames against the table in force, stores them
 * and acks. Its {@link Store} outlives the server so that a restarted server remembers.
 */
public final class TestHub implements AutoCloseable {
  /** A decoded frame with the table it was decoded against. */
  public record Received(SeriesTable table, DataFrame frame) {
    public long seq() {
      return frame.sequence();
    }

    /** The raw bits stored at the position of {@code metric} in the table. */
    public long raw(String metric) {
      for (int i = 0; i < table.size(); i++) {
        if (table.get(i).metric().equals(metric)) {
          return frame.rawValue(i);
        }
      }
      throw new AssertionError("no series " + metric + " in table " + table.schemaVersion());
    }
  }

  /** What the hub stored; every change wakes up {@link #await}. */
  public static final class Store {
    private final List<Received> frames = new ArrayList<>();
    private final List<ControlMessage> messages = new ArrayList<>();
    private final List<Long> connectionNanos = new ArrayList<>();
    private final List<String> clientCertificates = new ArrayList<>();
    private long lastSeq;
    private int errorsToSend;
    private boolean acking = true;
    private boolean droppingAfterWelcome;
    private boolean holdingWelcomes;
    private boolean offeringUnmaskedData;
    private final List<Runnable> heldWelcomes = new ArrayList<>();

    public synchronized long lastSeq() {
      return lastSeq;
    }

    public synchronized List<Received> frames() {
      return List.copyOf(frames);
    }

    public synchronized List<ControlMessage> messages() {
      return List.copyOf(messages);
    }

    /** The subject of each TLS connection's client certificate, empty when it showed none. */
    public synchronized List<String> clientCertificates() {
      return List.copyOf(clientCertificates);
    }

    public synchronized List<Long> connectionNanos() {
      return List.copyOf(connectionNanos);
    }

    /** The next {@code n} hellos are answered with an error frame and a close. */
    public synchronized void refuseNextHellos(int n) {
      errorsToSend = n;
    }

    /** As if an earlier run of the same agent id had stored frames up to {@code seq}. */
    public synchronized void setLastSeq(long seq) {
      lastSeq = seq;
    }

    /** Welcome and ack every connection, then send an error frame and close it. */
    public synchronized void dropAfterWelcome(boolean drop) {
      droppingAfterWelcome = drop;
    }

    /** Answer hellos as usual but keep the welcomes back until {@link #releaseWelcomes}. */
    public synchronized void holdWelcomes() {
      holdingWelcomes = true;
    }

    /** Sends the welcomes held back so far, and those of later hellos at once. */
    public synchronized void releaseWelcomes() {
      holdingWelcomes = false;
      heldWelcomes.forEach(Runnable::run);
      heldWelcomes.clear();
    }

    /**
     * Says {@code unmasked_data} in later welcomes; whether an unmasked frame is then read is the
     * server's {@code HttpServerOptions.setAcceptUnmaskedFrames}.
     */
    public synchronized void offerUnmaskedData() {
      offeringUnmaskedData = true;
    }

    /** Store frames without acking them (the ack got lost). */
    public synchronized void setAcking(boolean acking) {
      this.acking = acking;
    }

    public synchronized boolean await(Predicate<Store> condition, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.test(this)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    synchronized void changed() {
      notifyAll();
    }
  }

  private final Vertx vertx;
  private final Store store;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private HttpServer server;

  public TestHub(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Listens on {@code port} (0 for any) and returns the bound port. */
  public int start(int port) throws Exception {
    return start(port, new HttpServerOptions());
  }

  /** Listens with {@code options} (TLS, for instance) on {@code port} and returns the port. */
  public int start(int port, HttpServerOptions options) throws Exception {
    server =
        vertx
            .createHttpServer(new HttpServerOptions(options).setReuseAddress(true))
            .webSocketHandler(this::accept)
            .listen(port, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private void accept(ServerWebSocket ws) {
    synchronized (store) {
      store.connectionNanos.add(System.nanoTime());
      if (ws.isSsl()) {
        try {
          store.clientCertificates.add(
              ((java.security.cert.X509Certificate) ws.peerCertificates().get(0))
                  .getSubjectX500Principal()
                  .getName());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
          store.clientCertificates.add("");
        }
      }
      store.changed();
    }
    SeriesTable[] table = new SeriesTable[1];
    ws.textMessageHandler(
        text -> {
          ControlMessage m = codec.decode(text);
          synchronized (store) {
            store.messages.add(m);
            if (m instanceof Hello h) {
              table[0] = h.table();
              if (store.errorsToSend > 0) {
                store.errorsToSend--;
                ws.writeTextMessage(codec.encode(new ErrorMessage("bad_token", "token refused")))
                    .onComplete(r -> ws.close());
              } else {
                Welcome welcome = new Welcome(store.lastSeq, 0, store.offeringUnmaskedData);
                if (store.holdingWelcomes) {
                  store.heldWelcomes.add(() -> ws.writeTextMessage(codec.encode(welcome)));
                } else {
                  ws.writeTextMessage(codec.encode(welcome));
                }
                if (store.droppingAfterWelcome) {
                  ws.writeTextMessage(codec.encode(new Ack(store.lastSeq)));
                  ws.writeTextMessage(codec.encode(new ErrorMessage("overloaded", "try later")))
                      .onComplete(r -> ws.close());
                }
              }
            } else if (m instanceof Schema s) {
              table[0] = s.table();
            }
            store.changed();
          }
        });
    ws.binaryMessageHandler(
        buf -> {
          DataFrame frame = DataFrameCodec.decode(buf.getBytes(), table[0]);
          synchronized (store) {
            store.frames.add(new Received(table[0], frame));
            store.lastSeq = Math.max(store.lastSeq, frame.sequence());
            if (store.acking) {
              ws.writeTextMessage(codec.encode(new Ack(frame.sequence())));
            }
            store.changed();
          }
        });
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      server = null;
    }
  }
}
