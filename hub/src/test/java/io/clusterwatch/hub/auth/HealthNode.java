package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.support.Scenario;
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
import java.util.List;
import java.util.Map;

/**
 * A third node beside {@link Scenario}'s, for alerts of both kinds: node-c's GPU 0 is held by bob's
 * job train-7 (account cs202) with a process at 0 % (an idle alert), and counts an XID 79 error (a
 * health alert). Frames at the Scenario's times.
 */
final class HealthNode {
  static final String HOST = "node-c";

  private HealthNode() {}

  /** Feeds the node; returns its connected agent once every frame is acknowledged. */
  static TestAgent feed(TestHub hub) {
    SeriesTable table =
        new SeriesTable(
            1,
            List.of(
                SeriesDescriptor.of("gpu_utilization_ratio", TestTables.gpu(0), MetricType.GAUGE),
                SeriesDescriptor.of("gpu_compute_processes", TestTables.gpu(0), MetricType.GAUGE),
                SeriesDescriptor.of(
                    "gpu_xid_errors_total",
                    Labels.of("gpu", "0", "gpu_uuid", TestTables.GPU0, "xid", "79"),
                    MetricType.COUNTER)));
    TestAgent agent = hub.agent();
    agent.send(TestAgent.hello(HOST, "agent-c", table, 0));
    agent.next(Welcome.class);
    agent.send(
        new JobEvent(
            JobEvent.STARTED,
            Scenario.T0,
            new JobInfo(
                "train-7",
                "bob",
                "resnet",
                List.of(TestTables.GPU0),
                Scenario.T0,
                "slurm",
                Map.of("account", "cs202"))));
    for (int seq = 1; seq <= Scenario.FRAMES; seq++) {
      DataFrame f = DataFrame.empty(1, seq, Scenario.T0 + seq * 1000L, table.size());
      f.setGauge(0, 0.0);
      f.setGauge(1, 1);
      f.set(2, seq < 5 ? 0 : 1);
      agent.sendBinary(DataFrameCodec.encode(f));
    }
    agent.awaitAck(Scenario.FRAMES);
    return agent;
  }
}
