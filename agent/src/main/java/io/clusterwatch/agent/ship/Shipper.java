package io.clusterwatch.agent.ship;

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
import io.clusterwatch.protocol.sender.BufferedFrame;
import io.clusterwatch.protocol.sender.FrameBuffer;
import io.clusterwatch.protocol.sender.PendingJobEvents;
import io.clusterwatch.protocol.sender.SequenceLedger;
import io.clusterwatch.protocol.sender.SeriesTableTracker;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Streams ticks to the hub with wire protocol v1 over a WebSocket ({@link HubWebSocket}: RFC 6455
 * over a plain socket, two daemon threads per connection; the JDK's {@code java.net.http} client
 * costs more resident memory than an agent can spare: docs/benchmarks/agent-footprint.md).
 *
 * <p>Each tick becomes one encoded data frame with the next sequence number (from 1, never repeated
 * for this agent id) and goes into a resend buffer bounded by frames and bytes; when full, the
 * oldest frame is dropped and counted. On every connection the shipper sends a hello (with the
 * table of the oldest buffered frame), waits for the welcome, drops what the hub already stored,
 * sends pending job events and a job snapshot, then resends the rest in order and streams live
 * frames, with a schema message before any frame whose table differs from the one in force. The
 * hub's cumulative acks empty the buffer. A lost connection, an error message or a missing welcome
 * lead to a reconnect after an exponential, jittered delay.
 *
 * <p>At most one message is in flight on a socket at a time: the next send is chained on the
 * completion of the previous one. {@link #submit} and {@link #submitJobEvent} never block.
 */
public final class Shipper implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Shipper.class.getName());

  /** Job events kept while the hub is away; the snapshot after reconnect repairs any loss. */
  static final int MAX_PENDING_JOB_EVENTS = 1024;

  /**
   * The hub sends only small control messages (welcome, ack, error); anything larger is refused.
   */
  static final int MAX_HUB_MESSAGE_BYTES = 1 << 20;

  private final ShipperOptions options;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final Object lock = new Object();
  private final HubSession.Handler handler =
      new HubSession.Handler() {
        @Override
        public void opened(HubSession session, HubWebSocket ws) {
          Shipper.this.opened(session, ws);
        }

        @Override
        public void received(HubSession session, String text) {
          Shipper.this.received(session, text);
        }

        @Override
        public void lost(HubSession session, Throwable error) {
          Shipper.this.lost(session, error);
        }
      };

  // Everything below is guarded by lock.
  private final SeriesTableTracker tracker = new SeriesTableTracker();
  private final FrameBuffer buffer;
  private final PendingJobEvents jobEvents = new PendingJobEvents(MAX_PENDING_JOB_EVENTS);
  private final HubTimers timers;
  private Supplier<List<JobInfo>> jobSnapshotSupplier;
  private final SequenceLedger sequences;
  private long framesSent;
  private long framesDropped;
  private long connectionCount;
  private HubSession session;
  private boolean started;
  private boolean closed;
  private Runnable changeListener = () -> {};

  /** A shipper that connects through {@code scheduler}'s thread once {@link #start()}ed. */
  public Shipper(ShipperOptions options, ScheduledExecutorService scheduler, Clock clock) {
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
    this.buffer = new FrameBuffer(options.bufferFrames(), options.bufferBytes());
    this.sequences = new SequenceLedger(buffer);
    this.timers = new HubTimers(options, scheduler, clock);
  }

  /** Connects in the background and keeps reconnecting until {@link #close}. */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        return;
      }
      started = true;
    }
    connect();
  }

  /** One tick: encodes a data frame, buffers it and sends it when connected. Never blocks. */
  public void submit(long timestampMs, List<Sample> samples) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      long seq = sequences.next();
      DataFrame frame = tracker.frame(seq, timestampMs, samples);
      byte[] bytes = DataFrameCodec.encode(frame);
      int dropped = buffer.add(new BufferedFrame(seq, tracker.current(), bytes));
      framesDropped += dropped;
      pump(session);
      changeListener.run();
    }
  }

  /** A job started or ended: kept (bounded, oldest dropped) and sent in order when connected. */
  public void submitJobEvent(JobEvent event) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (jobEvents.add(event)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "hub unreachable: dropped the oldest pending job event ({0} so far)",
            jobEvents.dropped());
      }
      pump(session);
    }
  }

  /** The jobs running now; sent as a job snapshot after every welcome. */
  public void setJobSnapshotSupplier(Supplier<List<JobInfo>> supplier) {
    synchronized (lock) {
      this.jobSnapshotSupplier = supplier;
    }
  }

  public ShipperStats stats() {
    synchronized (lock) {
      return new ShipperStats(
          session != null && session.streaming,
          framesSent,
          sequences.framesAcked(),
          framesDropped,
          buffer.size(),
          buffer.bytes(),
          timers.reconnects(),
          sequences.lastAckedSeq());
    }
  }

  /**
   * Runs {@code listener} after every change of the stats, under the shipper's lock: it must be
   * quick and must not call back into the shipper. For tests that await a state.
   */
  void onChange(Runnable listener) {
    synchronized (lock) {
      changeListener = listener;
    }
  }

  @Override
  public void close() {
    HubWebSocket ws;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      timers.cancel();
      ws = session != null ? session.ws : null;
      if (session != null) {
        session.cancelTimeout();
        session = null;
      }
    }
    if (ws != null) {
      ws.sendClose(WebSocketFrame.NORMAL_CLOSURE, "agent stopping")
          .orTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((r, e) -> ws.abort());
    }
  }

  private void connect() {
    HubSession s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      timers.connecting();
      s = new HubSession(++connectionCount, handler);
      session = s;
    }
    LOG.log(System.Logger.Level.DEBUG, "connecting to {0}", options.hubUri());
    try {
      HubWebSocket.open(
          options.hubUri(), options.connectTimeout(), MAX_HUB_MESSAGE_BYTES, s, options.tls());
    } catch (IllegalArgumentException e) {
      lost(s, e);
    }
  }

  private void opened(HubSession s, HubWebSocket ws) {
    synchronized (lock) {
      if (s != session) {
        ws.abort();
        return;
      }
      s.ws = ws;
      BufferedFrame oldest = buffer.oldest();
      SeriesTable table =
          oldest != null
              ? oldest.table()
              : tracker.current() != null ? tracker.current() : new SeriesTable(0, List.of());
      s.tableInForce = table;
      send(s, ws.sendText(codec.encode(options.hello(sequences.lastAckedSeq(), table))), null);
      timers.awaitWelcome(s, () -> welcomeOverdue(s));
    }
  }

  /**
   * The welcome timeout ran. Cancelling it on the welcome does not stop a run that a pool thread
   * has already begun (it then waits here for the lock), so a session welcomed in the meantime is
   * left alone: dropping it would cost a reconnect and a second hello and schema for nothing.
   */
  private void welcomeOverdue(HubSession s) {
    synchronized (lock) {
      if (s.streaming) {
        return;
      }
      lost(
          s,
          new TimeoutException(
              "no welcome from the hub within " + options.connectTimeout().toMillis() + " ms"));
    }
  }

  private void received(HubSession s, String text) {
    ControlMessage message;
    try {
      message = codec.decode(text);
    } catch (ProtocolException e) {
      lost(s, new IOException("unreadable message from the hub: " + e.getMessage(), e));
      return;
    }
    synchronized (lock) {
      if (s != session) {
        return;
      }
      if (message instanceof Welcome w) {
        welcomed(s, w);
      } else if (message instanceof Ack a) {
        acked(s, a.seq());
      } else if (message instanceof ErrorMessage e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "hub {0} answered with error {1}: {2}",
            options.hubUri(),
            e.code(),
            e.message());
        lost(s, new IOException("hub error " + e.code() + ": " + e.message()));
      } else {
        LOG.log(
            System.Logger.Level.DEBUG,
            "ignoring unexpected {0} message from the hub",
            message.type());
      }
    }
  }

  private void welcomed(HubSession s, Welcome welcome) {
    if (s.streaming) {
      lost(s, new IOException("hub sent a second welcome"));
      return;
    }
    long hubSeq = welcome.lastSeq();
    if (sequences.welcomed(hubSeq)) {
      LOG.log(
          System.Logger.Level.INFO,
          "hub already holds sequence numbers up to {0} for agent {1}; continuing after them",
          hubSeq,
          options.agentId());
    }
    s.welcomed(hubSeq, clock.millis(), jobSnapshotSupplier != null, welcome.unmaskedData());
    LOG.log(
        System.Logger.Level.INFO,
        "streaming to {0} from sequence {1} ({2} frames buffered)",
        options.hubUri(),
        s.cursor,
        buffer.size());
    pump(s);
    changeListener.run();
  }

  private void acked(HubSession s, long seq) {
    sequences.acked(seq);
    s.acked(seq);
    changeListener.run();
  }

  /** Sends the next message of this session if none is in flight. Caller holds the lock. */
  private void pump(HubSession s) {
    if (s == null || s != session || !s.streaming || s.inFlight || closed) {
      return;
    }
    HubWebSocket ws = s.ws;
    JobEvent event = jobEvents.first();
    if (event != null) {
      send(s, ws.sendText(codec.encode(event)), () -> jobEvents.sent(event));
      return;
    }
    if (s.snapshotPending) {
      s.snapshotPending = false;
      List<JobInfo> jobs;
      try {
        jobs = jobSnapshotSupplier.get();
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING, "cannot list jobs for the snapshot: {0}", e.toString());
        jobs = null;
      }
      if (jobs != null) {
        send(s, ws.sendText(codec.encode(new JobSnapshot(clock.millis(), jobs))), null);
        return;
      }
    }
    BufferedFrame frame = buffer.firstFrom(s.cursor);
    if (frame == null) {
      return;
    }
    if (frame.table().schemaVersion() != s.tableInForce.schemaVersion()) {
      s.tableInForce = frame.table();
      send(s, ws.sendText(codec.encode(new Schema(frame.table()))), null);
      return;
    }
    s.cursor = frame.sequence() + 1;
    sequences.sent(frame.sequence());
    send(s, ws.sendBinary(frame.payload(), !s.unmaskedData), () -> framesSent++);
  }

  /** Chains the next send on this one's completion; {@code onSuccess} runs under the lock. */
  private void send(HubSession s, CompletableFuture<Void> sending, Runnable onSuccess) {
    s.inFlight = true;
    sending.whenCompleteAsync(
        (ignored, error) -> {
          if (error != null) {
            lost(s, error);
            return;
          }
          synchronized (lock) {
            s.inFlight = false;
            if (onSuccess != null) {
              onSuccess.run();
            }
            pump(s);
            changeListener.run();
          }
        },
        scheduler);
  }

  private void lost(HubSession s, Throwable error) {
    HubWebSocket ws;
    synchronized (lock) {
      if (s != session) {
        return;
      }
      session = null;
      s.cancelTimeout();
      ws = s.ws;
      if (!closed) {
        timers.reconnectAfter(s, error, this::connect);
      }
      changeListener.run();
    }
    if (ws != null) {
      ws.abort();
    }
  }
}
