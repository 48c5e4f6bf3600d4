package io.clusterwatch.hub.ingest;

import io.clusterwatch.common.config.Durations;
import io.clusterwatch.hub.agentauth.HostCertificate;
import io.clusterwatch.hub.agentauth.Refusal;
import io.clusterwatch.hub.agents.AgentConnection;
import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.hub.wal.RecordType;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One agent's ingest connection, wire protocol v1: hello first, then binary data frames (decoded
 * straight into the store's column appends), schema changes and job messages. Any bad input gets a
 * JSON error message and a close, and nothing of it is stored. Runs on the connection's event loop.
 *
 * <p>Everything accepted is appended to the hub's {@link DurableLog} before it is stored; the
 * welcome and every acknowledgement wait until the log is durable past what they vouch for, so an
 * agent lets go of a frame only once the hub can replay it after a crash.
 */
final class IngestConnection implements AgentConnection {
  private static final System.Logger LOG = System.getLogger(IngestConnection.class.getName());

  /** WebSocket close status 1008: policy violation. */
  private static final short POLICY_VIOLATION = 1008;

  /** The one error code of every credential refusal: it never says which part was wrong. */
  static final String UNAUTHORIZED = "unauthorized";

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
  private long ackPending = -1;
  private final Context context;
  private final DurableLog log;
  private final AckQueue waitingAcks = new AckQueue();
  private final DurableLog.DurableListener durableListener = this::durableElsewhere;
  private byte[] hostBytes;
  private Welcome waitingWelcome;
  private long welcomePosition;

  IngestConnection(ServerWebSocket ws, IngestHandler hub) {
    this.ws = ws;
    this.hub = hub;
    this.context = hub.vertx().getOrCreateContext();
    this.log = hub.log();
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
    if (hello.protocol() != ProtocolVersion.CURRENT) {
      fail(
          "unsupported_version",
          "protocol version "
              + hello.protocol()
              + " is not supported; this hub speaks "
              + ProtocolVersion.CURRENT);
      return;
    }
    String problem = HelloChecks.problem(hello);
    if (problem != null) {
      fail("bad_hello", problem);
      return;
    }
    if (!authorized(hello)) {
      return;
    }
    if (!checkTableSize(hello.table())) {
      return;
    }
    AgentRegistry.Claim claim =
        hub.agents()
            .claim(
                new AgentRegistry.AgentHello(
                    hello.host(),
                    hello.agentId(),
                    hello.bootId(),
                    hello.agentVersion(),
                    hello.intervalMs(),
                    hello.lastAckedSeq(),
                    hello.attributes()),
                this);
    if (!claim.granted()) {
      String why =
          claim.refusal() == AgentRegistry.Refusal.HOST_HELD
              ? "host "
                  + hello.host()
                  + " is held by agent "
                  + claim.holderAgentId()
                  + " on another live connection"
              : "the hub already tracks its maximum of " + hub.config().maxAgents() + " hosts";
      fail(claim.refusal().code(), why);
      return;
    }
    state = claim.state();
    hub.vertx().cancelTimer(timerId);
    hostBytes = state.host().getBytes(StandardCharsets.UTF_8);
    log.addListener(durableListener);
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
    Welcome welcome = new Welcome(state.lastSeq(), hub.clock().millis());
    long position = log.appendedPosition();
    if (position <= log.durablePosition()) {
      send(welcome);
    } else {
      waitingWelcome = welcome;
      welcomePosition = position;
    }
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

  /** The log's sync thread made {@code position} durable: hand the news to this event loop. */
  private void durableElsewhere(long position) {
    context.runOnContext(v -> durable(position));
  }

  private void durable(long position) {
    if (closing) {
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

  /**
   * The hello's token may claim its host, and with mutual TLS the client certificate names it; else
   * the refusal is logged with what was wrong and the agent hears only that it was refused.
   */
  private boolean authorized(Hello hello) {
    Refusal refusal = hub.credentials().check(hello.token(), hello.host());
    String detail =
        refusal == Refusal.TOKEN
            ? "token missing or unknown"
            : "token not valid for this host (tokens_file)";
    if (refusal == null && hub.clientCertificates() && !certificateNames(hello.host())) {
      refusal = Refusal.CERTIFICATE;
      detail = "client certificate does not name this host";
    }
    if (refusal == null) {
      return true;
    }
    hub.refused(ws.remoteAddress(), hello.host(), refusal, detail);
    fail(UNAUTHORIZED, "the hub does not accept this agent's credentials");
    return false;
  }

  private boolean certificateNames(String host) {
    try {
      return HostCertificate.names(ws.peerCertificates(), host);
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private boolean checkTableSize(SeriesTable t) {
    if (t.size() > hub.config().maxSeriesPerAgent()) {
      fail(
          "too_many_series",
          "series table has "
              + t.size()
              + " series; the limit per agent is "
              + hub.config().maxSeriesPerAgent());
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
      ack(header.sequence());
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
      ack(header.sequence());
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
    ack(header.sequence());
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

  /**
   * Acknowledges {@code seq} once the log is durable past everything appended so far; when it
   * already is, once per batch of frames read together (the newest sequence wins).
   */
  private void ack(long seq) {
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
                if (!closing) {
                  send(new Ack(s));
                }
              });
    }
  }

  private void send(ControlMessage message) {
    ws.writeTextMessage(hub.codec().encode(message));
  }

  private void fail(String code, String message) {
    if (closing) {
      return;
    }
    closing = true;
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
    log.removeListener(durableListener);
    hub.vertx().cancelTimer(timerId);
    if (state != null) {
      hub.agents().release(state.host(), this);
    }
  }
}
