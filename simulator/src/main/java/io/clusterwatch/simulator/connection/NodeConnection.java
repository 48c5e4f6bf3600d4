package io.clusterwatch.simulator.connection;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.clusterwatch.protocol.sender.Backoff;
import io.clusterwatch.protocol.sender.BufferedFrame;
import io.clusterwatch.protocol.sender.FrameBuffer;
import io.clusterwatch.protocol.sender.PendingJobEvents;
import io.clusterwatch.protocol.sender.SequenceLedger;
import io.clusterwatch.protocol.sender.SeriesTableTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One simulated node's hub connection, speaking wire protocol v1 as the agent's shipper does, but
 * over a Vert.x {@link WebSocket}: no thread of its own, every method and every callback on the
 * simulator's event loop.
 *
 * <p>Each tick becomes one data frame with the next sequence number, kept in a resend buffer
 * bounded by frames and bytes (oldest dropped first). On every connection: a hello with the table
 * of the oldest buffered frame, the welcome (or a reconnect after the connect timeout), frames the
 * hub already holds dropped, pending job events, a job snapshot, then the unacknowledged frames in
 * order and live ones, with a schema message before any frame whose table differs from the one in
 * force. Cumulative acks empty the buffer. A lost connection, an error message or a missing welcome
 * lead to a reconnect after an exponential, jittered delay. Writes follow the socket's write queue:
 * when it is full the node waits for it to drain, and its ticks wait in the resend buffer.
 */
public final class NodeConnection {
  private static final System.Logger LOG = System.getLogger(NodeConnection.class.getName());

  /** Job events kept while the hub is away; the snapshot after reconnect repairs any loss. */
  static final int MAX_PENDING_JOB_EVENTS = 1024;

  private final NodeIdentity identity;
  private final ConnectionSettings settings;
  private final Vertx vertx;
  private final WebSocketClient client;
  private final Clock clock;
  private final Runnable changed;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final SeriesTableTracker tracker = new SeriesTableTracker();
  private final FrameBuffer buffer;
  private final SequenceLedger sequences;
  private final PendingJobEvents jobEvents = new PendingJobEvents(MAX_PENDING_JOB_EVENTS);
  private final Backoff backoff;
  private final Supplier<List<JobInfo>> runningJobs;
  private HubSession session;
  private long reconnectTimer = -1;
  private long framesSent;
  private long framesDropped;
  private long reconnects;
  private boolean started;
  private boolean closed;
  private volatile ConnectionStats stats = ConnectionStats.NONE;

  /**
   * @param client shared by every node; its connections run on the caller's event loop
   * @param runningJobs the node's jobs now, for the snapshot after every welcome
   * @param changed runs on the event loop after every change of {@link #stats()}
   */
  public NodeConnection(
      NodeIdentity identity,
      ConnectionSettings settings,
      Vertx vertx,
      WebSocketClient client,
      Clock clock,
      RandomGenerator random,
      Supplier<List<JobInfo>> runningJobs,
      Runnable changed) {
    this.identity = identity;
    this.settings = settings;
    this.vertx = vertx;
    this.client = client;
    this.clock = clock;
    this.runningJobs = runningJobs;
    this.changed = changed;
    this.buffer = new FrameBuffer(settings.bufferFrames(), settings.bufferBytes());
    this.sequences = new SequenceLedger(buffer);
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), random);
  }

  public String host() {
    return identity.host();
  }

  /** The latest counters; safe to read from any thread. */
  public ConnectionStats stats() {
    return stats;
  }

  /** Connects, and keeps reconnecting until {@link #close}. */
  public void start() {
    if (started || closed) {
      return;
    }
    started = true;
    connect();
  }

  /** One tick: encodes a data frame, buffers it and sends it when connected. */
  public void submit(long timestampMs, List<Sample> samples) {
    if (closed) {
      return;
    }
    long seq = sequences.next();
    DataFrame frame = tracker.frame(seq, timestampMs, samples);
    framesDropped +=
        buffer.add(new BufferedFrame(seq, tracker.current(), DataFrameCodec.encode(frame)));
    pump(session);
    publish();
  }

  /** A job started or ended: kept (bounded, oldest dropped) and sent in order when connected. */
  public void submitJobEvent(JobEvent event) {
    if (closed) {
      return;
    }
    if (jobEvents.add(event)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: hub unreachable, dropped the oldest pending job event ({1} so far)",
          identity.host(),
          jobEvents.dropped());
    }
    pump(session);
  }

  /** Stops reconnecting and closes the connection with a normal closure. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    cancel(reconnectTimer);
    HubSession s = session;
    session = null;
    publish();
    if (s == null || s.ws == null) {
      return Future.succeededFuture();
    }
    cancel(s.welcomeTimer);
    return s.ws.close((short) 1000, "simulator stopping").otherwiseEmpty();
  }

  private void connect() {
    reconnectTimer = -1;
    if (closed) {
      return;
    }
    HubSession s = new HubSession();
    session = s;
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setAbsoluteURI(settings.hubUri().toString())
            .setTimeout(settings.connectTimeout().toMillis());
    client.connect(options).onComplete(ws -> opened(s, ws), error -> lost(s, error));
  }

  private void opened(HubSession s, WebSocket ws) {
    if (s != session) {
      ws.close();
      return;
    }
    s.ws = ws;
    ws.textMessageHandler(text -> received(s, text));
    ws.exceptionHandler(error -> lost(s, error));
    ws.closeHandler(
        v ->
            lost(
                s,
                new IOException(
                    "closed by the hub (" + ws.closeStatusCode() + " " + ws.closeReason() + ")")));
    ws.drainHandler(v -> pump(s));
    BufferedFrame oldest = buffer.oldest();
    SeriesTable table =
        oldest != null
            ? oldest.table()
            : tracker.current() != null ? tracker.current() : new SeriesTable(0, List.of());
    s.tableInForce = table;
    write(
        s,
        ws.writeTextMessage(
            codec.encode(identity.hello(settings.token(), sequences.lastAckedSeq(), table))));
    long timeoutMs = settings.connectTimeout().toMillis();
    s.welcomeTimer =
        vertx.setTimer(
            timeoutMs,
            id -> lost(s, new IOException("no welcome from the hub within " + timeoutMs + " ms")));
  }

  private void received(HubSession s, String text) {
    if (s != session) {
      return;
    }
    ControlMessage message;
    try {
      message = codec.decode(text);
    } catch (ProtocolException e) {
      lost(s, new IOException("unreadable message from the hub: " + e.getMessage(), e));
      return;
    }
    if (message instanceof Welcome w) {
      welcomed(s, w);
    } else if (message instanceof Ack a) {
      sequences.acked(a.seq());
      if (s.cursor <= a.seq()) {
        s.cursor = a.seq() + 1;
      }
      publish();
    } else if (message instanceof ErrorMessage e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: hub answered with error {1}: {2}",
          identity.host(),
          e.code(),
          e.message());
      lost(s, new IOException("hub error " + e.code() + ": " + e.message()));
    } else {
      LOG.log(
          System.Logger.Level.DEBUG,
          "{0}: ignoring unexpected {1} message from the hub",
          identity.host(),
          message.type());
    }
  }

  private void welcomed(HubSession s, Welcome welcome) {
    if (s.streaming) {
      lost(s, new IOException("hub sent a second welcome"));
      return;
    }
    cancel(s.welcomeTimer);
    s.welcomeTimer = -1;
    long hubSeq = welcome.lastSeq();
    if (sequences.welcomed(hubSeq)) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0}: hub already holds sequence numbers up to {1} for agent {2}; continuing after them",
          identity.host(),
          hubSeq,
          identity.agentId());
    }
    s.cursor = hubSeq + 1;
    s.streaming = true;
    s.welcomedAtMs = clock.millis();
    s.snapshotPending = true;
    pump(s);
    publish();
  }

  /** Writes what is due on this session while its socket's write queue has room. */
  private void pump(HubSession s) {
    if (s == null || s != session || !s.streaming || closed) {
      return;
    }
    WebSocket ws = s.ws;
    while (!ws.writeQueueFull()) {
      JobEvent event = jobEvents.first();
      if (event != null) {
        jobEvents.sent(event);
        write(s, ws.writeTextMessage(codec.encode(event)));
        continue;
      }
      if (s.snapshotPending) {
        s.snapshotPending = false;
        write(
            s,
            ws.writeTextMessage(codec.encode(new JobSnapshot(clock.millis(), runningJobs.get()))));
        continue;
      }
      BufferedFrame frame = buffer.firstFrom(s.cursor);
      if (frame == null) {
        return;
      }
      if (frame.table().schemaVersion() != s.tableInForce.schemaVersion()) {
        s.tableInForce = frame.table();
        write(s, ws.writeTextMessage(codec.encode(new Schema(frame.table()))));
        continue;
      }
      s.cursor = frame.sequence() + 1;
      sequences.sent(frame.sequence());
      write(s, ws.writeBinaryMessage(Buffer.buffer(frame.payload())))
          .onSuccess(
              v -> {
                framesSent++;
                publish();
              });
    }
  }

  private Future<Void> write(HubSession s, Future<Void> writing) {
    return writing.onFailure(error -> lost(s, error));
  }

  private void lost(HubSession s, Throwable error) {
    if (s != session) {
      return;
    }
    session = null;
    cancel(s.welcomeTimer);
    if (s.ws != null && !s.ws.isClosed()) {
      s.ws.close();
    }
    if (!closed) {
      reconnects++;
      if (s.streaming && clock.millis() - s.welcomedAtMs >= settings.backoffMax().toMillis()) {
        // A healthy connection (it outlived the longest delay): start the delays over. A hub that
        // welcomes and then errors right away keeps the delays growing instead.
        backoff.reset();
      }
      long delay = backoff.nextDelayMs();
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: hub connection to {1} lost ({2}); retrying in {3} ms",
          identity.host(),
          settings.hubUri(),
          describe(error),
          delay);
      reconnectTimer = vertx.setTimer(delay, id -> connect());
    }
    publish();
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void publish() {
    HubSession s = session;
    stats =
        new ConnectionStats(
            s != null && s.streaming,
            framesSent,
            sequences.framesAcked(),
            framesDropped,
            buffer.size(),
            reconnects,
            sequences.lastAckedSeq());
    changed.run();
  }

  private static String describe(Throwable error) {
    Throwable t = error;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
