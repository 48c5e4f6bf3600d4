package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One GPU node driven frame by frame through a real agent connection, for the rule tests: two GPUs
 * with utilisation, compute process counts and memory, and an XID 79 counter on GPU 0. Job 4711
 * (alice, account cs-ml, partition gpu) holds both GPUs from {@link #T0}. Each {@link #frame} moves
 * the hub's clock to the frame's time before sending it, as a live agent would.
 */
final class AlertNode implements AutoCloseable {
  static final long T0 = 1_764_072_000_000L;
  static final String HOST = "node-a";
  static final String JOB = "4711";
  private static final int UTIL0 = 0;
  private static final int UTIL1 = 1;
  private static final int PROCS0 = 2;
  private static final int PROCS1 = 3;
  private static final int MEM0 = 4;
  private static final int XID79 = 5;

  private final TestAgent agent;
  private final MutableClock clock;
  private long seq;

  AlertNode(TestHub hub, MutableClock clock) {
    this.clock = clock;
    this.agent = hub.agent();
    clock.set(T0);
    agent.send(TestAgent.hello(HOST, "agent-a", table(), 0));
    agent.next(Welcome.class);
    agent.send(
        new JobEvent(
            JobEvent.STARTED,
            T0,
            new JobInfo(
                JOB,
                "alice",
                "llama-ft",
                List.of(TestTables.GPU0, TestTables.GPU1),
                T0,
                "slurm",
                Map.of("account", "cs-ml", "partition", "gpu"))));
  }

  static SeriesTable table() {
    List<SeriesDescriptor> s = new ArrayList<>();
    s.add(SeriesDescriptor.of("gpu_utilization_ratio", TestTables.gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_utilization_ratio", TestTables.gpu(1), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_compute_processes", TestTables.gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_compute_processes", TestTables.gpu(1), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_memory_used_bytes", TestTables.gpu(0), MetricType.GAUGE));
    s.add(
        SeriesDescriptor.of(
            "gpu_xid_errors_total",
            Labels.of("gpu", "0", "gpu_uuid", TestTables.GPU0, "xid", "79"),
            MetricType.COUNTER));
    return new SeriesTable(1, s);
  }

  /** Sends the frame at {@code T0 + seconds} and waits for its ack; GPU 1 is busy throughout. */
  void frame(long seconds, double util0, long processes0, long xid79) {
    long t = T0 + seconds * 1000;
    clock.set(t);
    DataFrame f = DataFrame.empty(1, ++seq, t, table().size());
    f.setGauge(UTIL0, util0);
    f.setGauge(UTIL1, 0.9);
    f.setGauge(PROCS0, processes0);
    f.setGauge(PROCS1, 1);
    f.setGauge(MEM0, 20e9);
    f.set(XID79, xid79);
    agent.sendBinary(DataFrameCodec.encode(f));
    agent.awaitAck(seq);
  }

  @Override
  public void close() {
    agent.close();
  }
}
