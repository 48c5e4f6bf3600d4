package io.clusterwatch.hub.ingest;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.wal.LogRecord;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies the write-ahead log to a fresh hub after a restart, the way ingest applied it live:
 * hellos restore each host's agent id and sequence, schemas its series table, frames go into the
 * store under the same duplicate rules (a sequence or timestamp already held is skipped, so nothing
 * is stored twice), job messages into the job registry. A record that cannot be applied is skipped
 * with a warning.
 */
public final class LogReplayer implements Consumer<LogRecord> {
  private static final System.Logger LOG = System.getLogger(LogReplayer.class.getName());

  private final SampleStore store;
  private final AgentRegistry agents;
  private final JobRegistry jobs;
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final Map<String, Host> hosts = new HashMap<>();
  private long framesStored;
  private long skipped;

  private static final class Host {
    final AgentState state;
    SeriesTable table;
    HostAppender appender;

    Host(AgentState state) {
      this.state = state;
    }
  }

  public LogReplayer(SampleStore store, AgentRegistry agents, JobRegistry jobs) {
    this.store = store;
    this.agents = agents;
    this.jobs = jobs;
  }

  @Override
  public void accept(LogRecord record) {
    try {
      switch (record.type()) {
        case HELLO -> hello(record);
        case SCHEMA -> schema(record);
        case FRAME -> frame(record);
        case JOB -> job(record);
      }
    } catch (ProtocolException | IllegalArgumentException e) {
      skipped++;
      LOG.log(
          Level.WARNING,
          "write-ahead log: skipping a "
              + record.type()
              + " record of host "
              + record.host()
              + ": "
              + e.getMessage());
    }
  }

  private void hello(LogRecord record) {
    LogBodies.LoggedHello hello = LogBodies.hello(record.text());
    AgentState state = agents.restore(record.host(), hello.agentId(), hello.lastAckedSeq());
    Host h = new Host(state);
    hosts.put(record.host(), h);
    useTable(h, schemaOf(hello.schemaJson()));
  }

  private void schema(LogRecord record) {
    useTable(host(record), schemaOf(record.text()));
  }

  private SeriesTable schemaOf(String json) {
    ControlMessage m = codec.decode(json);
    if (!(m instanceof Schema schema)) {
      throw new ProtocolException("bad_log_record", "expected a schema, got " + m.type());
    }
    return schema.table();
  }

  private void useTable(Host h, SeriesTable table) {
    h.appender = store.appender(h.state.host(), table);
    h.table = table;
  }

  private Host host(LogRecord record) {
    Host h = hosts.get(record.host());
    if (h == null) {
      throw new ProtocolException("bad_log_record", "no hello logged before it");
    }
    return h;
  }

  private void frame(LogRecord record) {
    Host h = host(record);
    ByteBuffer frame = record.body().duplicate();
    DataFrameCodec.Header header = DataFrameCodec.readHeader(frame);
    if (header.sequence() <= h.state.lastSeq()
        || header.timestampMs() <= h.state.newestSampleMs()) {
      h.state.frameReplayed(header.sequence(), h.state.newestSampleMs());
      return;
    }
    DataFrameCodec.ValueVisitor visitor = h.appender.begin(header.timestampMs());
    if (visitor == null) {
      h.state.frameReplayed(header.sequence(), h.state.newestSampleMs());
      return;
    }
    DataFrameCodec.decode(frame, h.table, visitor);
    h.appender.commit();
    h.state.frameReplayed(header.sequence(), header.timestampMs());
    framesStored++;
  }

  private void job(LogRecord record) {
    host(record);
    LogBodies.LoggedJob logged = LogBodies.job(record.text());
    ControlMessage m = codec.decode(logged.messageJson());
    if (m instanceof JobEvent event) {
      if (JobEvent.STARTED.equals(event.event())) {
        jobs.started(record.host(), event.job(), logged.timeMs());
      } else {
        jobs.ended(record.host(), event.job().jobId(), logged.timeMs());
      }
    } else if (m instanceof JobSnapshot snapshot) {
      jobs.snapshot(record.host(), snapshot.jobs(), logged.timeMs());
    } else {
      throw new ProtocolException("bad_log_record", "expected a job message, got " + m.type());
    }
  }

  /** Frames stored by the replay. */
  public long framesStored() {
    return framesStored;
  }

  /** Records that could not be applied. */
  public long skipped() {
    return skipped;
  }
}
