package io.clusterwatch.hub.ingest;

import io.clusterwatch.common.config.Durations;
import io.clusterwatch.hub.agents.AgentConnection;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.hub.wal.RecordType;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One agent's ingest connection, wire protocol v1: hello first, then binary data frames (decoded
 * straight into the store's column appends), schema changes and job messages. Any bad input gets a
 * JSON error message and a close, and nothing of it is stored. Runs on the connection's event loop.
 *
 * <p>Everything accepted is appended to the hub's {@link DurableLog} before it is stored; the
 * welcome and every acknowledgement wait until the log is durable past what they vouch for, so an
 * agent lets go of a frame only once the hub can replay it after a crash ({@link DurableReplies}).
 * Whether a hello is admitted at all is {@link HelloAdmission}'s decision.
 */
final class IngestConnection implements AgentConnection {
  private static final System.Logger LOG = System.getLogger(IngestConnection.class.getName());

  /** WebSocket close status 1008: policy violation. */
  private static final short POLICY_VIOLATION = 1008;

  private final ServerWebSocket ws;
  private final IngestHandler hub;
  private final long timerId;
  private boolean closing;
  private volatile boolean replaced;
  private AgentState state;
  private SeriesTable table;
  private HostAppender appender;
  private int[] gpuUtilPositions = new int[0];
  private GpuIdleTracker.HostGpus gpus;
  private final HelloAdmission admission;
  private final DurableReplies replies;
  private final DurableLog log;
  private byte[] hostBytes;

  IngestConnection(ServerWebSocket ws, IngestHandler hub) {
    this.ws = ws;
    this.hub = hub;
    this.log = hub.log();
    this.admission = new HelloAdmission(ws, hub);
    this.replies = new DurableReplies(ws, hub, hub.vertx().getOrCreateContext());
    this.timerId =
        hub.vertx()
            .setTimer(
                hub.config().helloTimeout().toMillis(),
                t -> {
                  if (state == null) {
                    fail(
                        "hello_timeout",
                        "no hello within " + Durations.format(hub.config().helloTimeout()));
                  }
                });
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(this::onBinary);
    ws.exceptionHandler(e -> LOG.log(Level.DEBUG, "ingest connection error: " + e.getMessage()));
    ws.closeHandler(v -> onClose());
  }

  private void onText(String text) {
    if (closing) {
      return;
    }
    if (text.length() > hub.config().maxTextMessage().bytes()) {
      fail(
          "message_too_large",
          "text message of "
              + text.length()
              + " characters exceeds "
              + hub.config().maxTextMessage().bytes()
              + " bytes");
      return;
    }
    ControlMessage message;
    try {
      message = hub.codec().decode(text);
    } catch (ProtocolException e) {
      fail(e.code(), e.getMessage());
      return;
    }
    try {
      if (state == null) {
        if (message instanceof Hello hello) {
          onHello(hello);
        } else {
          fail("no_hello", "the first message must be a hello, got " + message.type());
        }
      } else if (message instanceof Schema schema) {
        onSchema(schema.table(), text);
      } else if (message instanceof JobEvent event) {
        // One time for the log and the registry: a replayed end must equal the one archived.
        long time = timeOrNow(event.timeMs());
        if (logged(RecordType.JOB, LogBodies.job(time, text))) {
          onJobEvent(event, time);
        }
      } else if (message instanceof JobSnapshot snapshot) {
        long time = timeOrNow(snapshot.timeMs());
        if (logged(RecordType.JOB, LogBodies.job(time, text))) {
          hub.jobs().snapshot(state.host(), snapshot.jobs(), time);
        }
      } else {
        fail("bad_message", "unexpected " + message.type() + " message after hello");
      }
    } catch (ProtocolException e) {
      fail(e.code(), e.getMessage());
    }
  }

  private void onHello(Hello hello) {
    HelloAdmission.Outcome outcome = admission.admit(hello, this);
    if (!outcome.admitted()) {
      fail(outcome.code(), outcome.message());
      return;
    }
    state = outcome.state();
    hub.vertx().cancelTimer(timerId);
    hostBytes = state.host().getBytes(StandardCharsets.UTF_8);
    replies.listen();
    if (!logged(
        RecordType.HELLO,
        LogBodies.hello(
            hello.agentId(),
            hello.lastAckedSeq(),
            hub.codec().encode(new Schema(hello.table()))))) {
      return;
    }
    useTable(hello.table());
    // The welcome vouches for every frame up to lastSeq: it waits until they are durable.
    replies.welcome(
        new Welcome(state.lastSeq(), hub.clock().millis(), hub.config().unmaskedDataFrames()));
  }

  /**
   * Appends a record to the log; when the log refuses (it could not write for a while and holds too
   * much), the connection is closed so that the agent keeps its frames buffered.
   */
  private boolean logged(RecordType type, byte[] body) {
    return logged(type, ByteBuffer.wrap(body));
  }

  private boolean logged(RecordType type, ByteBuffer body) {
    if (log.append(type, hostBytes, body) == DurableLog.REFUSED) {
      fail("store_unavailable", "the hub cannot write its log now; keep the data and retry later");
      return false;
    }
    return true;
  }

  private boolean checkTableSize(SeriesTable t) {
    String tooMany = admission.tableTooLarge(t);
    if (tooMany != null) {
      fail("too_many_series", tooMany);
      return false;
    }
    return true;
  }

  /** Logs the schema message as it came: replay decodes it to the same table. */
  private void onSchema(SeriesTable t, String text) {
    if (checkTableSize(t) && logged(RecordType.SCHEMA, text.getBytes(StandardCharsets.UTF_8))) {
      useTable(t);
    }
  }

  private void useTable(SeriesTable t) {
    try {
      appender = hub.store().appender(state.host(), t);
    } catch (IllegalArgumentException e) {
      // The store refuses a table that would take the host past its series limit.
      throw new ProtocolException("too_many_series", e.getMessage());
    }
    table = t;
    state.tableChanged();
    int n = 0;
    int[] positions = new int[t.size()];
    String[] uuids = new String[t.size()];
    for (int i = 0; i < t.size(); i++) {
      String uuid = t.get(i).labels().get("gpu_uuid");
      if ("gpu_utilization_ratio".equals(t.get(i).metric()) && uuid != null) {
        positions[n] = i;
        uuids[n++] = uuid;
      }
    }
    gpuUtilPositions = Arrays.copyOf(positions, n);
    gpus = hub.idle().track(state.host(), Arrays.copyOf(uuids, n));
  }

  private void onJobEvent(JobEvent event, long time) {
    if (JobEvent.STARTED.equals(event.event())) {
      hub.jobs().started(state.host(), event.job(), time);
    } else {
      hub.jobs().ended(state.host(), event.job().jobId(), time);
    }
  }

  private long timeOrNow(long timeMs) {
    return timeMs > 0 ? timeMs : hub.clock().millis();
  }

  /**
   * A frame's bytes where Netty holds them, big-endian as on the wire: decoded and logged (the log
   * copies) before the handler returns, never kept.
   */
  private static ByteBuffer inPlace(Buffer buffer) {
    ByteBuffer bytes =
        buffer instanceof BufferInternal b
            ? b.getByteBuf().nioBuffer()
            : ByteBuffer.wrap(buffer.getBytes());
    return bytes.order(ByteOrder.BIG_ENDIAN);
  }

  private void onBinary(Buffer buffer) {
    if (closing || replaced) {
      return;
    }
    if (state == null) {
      fail("no_hello", "binary frame before hello");
      return;
    }
    if (buffer.length() > hub.config().maxFrame().bytes()) {
      fail(
          "frame_too_large",
          "data frame of "
              + buffer.length()
              + " bytes exceeds the limit of "
              + hub.config().maxFrame().bytes());
      return;
    }
    ByteBuffer frame = inPlace(buffer);
    DataFrameCodec.Header header;
    try {
      header = DataFrameCodec.readHeader(frame);
      if (header.schemaVersion() != table.schemaVersion()) {
        throw new ProtocolException(
            "bad_schema_version",
            "data frame has schema version "
                + header.schemaVersion()
                + " but the table in force is "
                + table.schemaVersion());
      }
      if (header.count() != table.size()) {
        throw new ProtocolException(
            "bad_frame_length",
            "data frame has "
                + header.count()
                + " values but the series table has "
                + table.size());
      }
    } catch (ProtocolException e) {
      fail(e.code(), e.getMessage());
      return;
    }
    long now = hub.clock().millis();
    if (header.sequence() <= state.lastSeq()) {
      hub.meters().frameDuplicate();
      state.frameSkipped(header.sequence(), now);
      replies.ack(header.sequence());
      return;
    }
    DataFrameCodec.ValueVisitor visitor =
        header.timestampMs() <= state.newestSampleMs()
            ? null
            : appender.begin(header.timestampMs());
    if (visitor == null) {
      // Already stored under an earlier sequence (the agent restarted), older than the host's
      // newest tick, or a second tick in one raw step: acknowledged so the agent lets go of it,
      // never stored twice.
      hub.meters().frameRefused();
      state.frameSkipped(header.sequence(), now);
      replies.ack(header.sequence());
      return;
    }
    if (!logged(RecordType.FRAME, frame)) {
      return;
    }
    DataFrameCodec.decode(frame, table, visitor);
    appender.commit();
    trackGpus(frame, header);
    state.frameStored(header.sequence(), now, header.timestampMs());
    hub.meters().frameStored(FrameValues.presentCount(frame, header.count()));
    replies.ack(header.sequence());
  }

  private void trackGpus(ByteBuffer frame, DataFrameCodec.Header header) {
    for (int g = 0; g < gpuUtilPositions.length; g++) {
      int i = gpuUtilPositions[g];
      if (FrameValues.isPresent(frame, i)) {
        gpus.utilization(
            g,
            header.timestampMs(),
            Double.longBitsToDouble(FrameValues.raw(frame, header.count(), i)));
      }
    }
  }

  private void fail(String code, String message) {
    if (closing) {
      return;
    }
    closing = true;
    replies.stop();
    hub.meters().rejected(code);
    LOG.log(
        Level.INFO,
        "closing ingest connection from "
            + ws.remoteAddress()
            + (state != null ? " (host " + state.host() + ")" : "")
            + ": "
            + code
            + ": "
            + message);
    ws.writeTextMessage(hub.codec().encode(new ErrorMessage(code, message)))
        .eventually(() -> ws.close(POLICY_VIOLATION, code));
  }

  @Override
  public void replaced() {
    replaced = true;
    ws.close(POLICY_VIOLATION, "replaced by a newer connection of the same agent");
  }

  private void onClose() {
    closing = true;
    replies.close();
    hub.vertx().cancelTimer(timerId);
    if (state != null) {
      hub.agents().release(state.host(), this);
    }
  }
}
