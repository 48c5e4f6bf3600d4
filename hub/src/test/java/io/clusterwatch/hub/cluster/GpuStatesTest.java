package io.clusterwatch.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GPU state and health rules of docs/API.md on values written straight into a store. */
class GpuStatesTest {
  private static final Labels GPU = Labels.of("gpu", "0", "gpu_uuid", "GPU-x");
  private static final long T = 1_764_072_000_000L;

  private final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  private final JobRegistry jobs = new JobRegistry(10);
  private final GpuIdleTracker idle = new GpuIdleTracker(0.01);
  private final GpuStates states = new GpuStates(store, jobs, idle, 1L << 30);
  private long tick;

  /**
   * Writes one tick; NaN values are left absent. Order: util, mem, stale, clock reasons, last xid,
   * ecc, xid79.
   */
  private GpuView write(
      double util, double mem, double stale, double reasons, double lastXid, long ecc, long xid) {
    SeriesTable table =
        new SeriesTable(
            1,
            List.of(
                SeriesDescriptor.of("gpu_utilization_ratio", GPU, MetricType.GAUGE),
                SeriesDescriptor.of("gpu_memory_used_bytes", GPU, MetricType.GAUGE),
                SeriesDescriptor.of("gpu_stale", GPU, MetricType.GAUGE),
                SeriesDescriptor.of("gpu_clock_event_reasons", GPU, MetricType.GAUGE),
                SeriesDescriptor.of("gpu_last_xid", GPU, MetricType.GAUGE),
                SeriesDescriptor.of("gpu_ecc_uncorrected_errors_total", GPU, MetricType.COUNTER),
                SeriesDescriptor.of(
                    "gpu_xid_errors_total", GPU.with("xid", "79"), MetricType.COUNTER)));
    long ts = T + 1000 * tick++;
    DataFrame f = DataFrame.empty(1, tick, ts, table.size());
    double[] gauges = {util, mem, stale, reasons, lastXid};
    for (int i = 0; i < gauges.length; i++) {
      if (!Double.isNaN(gauges[i])) {
        f.setGauge(i, gauges[i]);
      }
    }
    f.set(5, ecc);
    f.set(6, xid);
    HostAppender appender = store.appender("n1", table);
    DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(f)), table, appender.begin(ts));
    appender.commit();
    idle.track("n1", new String[] {"GPU-x"}).utilization(0, ts, util);
    return states.of("n1", NodeLayout.of(0, store.series("n1")), false).get(0);
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, true, busy",
    "0.01, true, idle",
    "0.0, true, idle",
    "0.5, false, free",
    "NaN, true, stale",
  })
  void stateFromUtilisationAndHolder(double util, boolean held, String state) {
    if (held) {
      jobs.started(
          "n1", new JobInfo("j", "u", "n", List.of("GPU-x"), T - 5000, "", Map.of()), T - 5000);
    }
    GpuView g = write(util, 0, 0, 0, 0, 0, 0);
    assertEquals(state, g.state());
    assertEquals("idle".equals(state) ? T : 0, g.idleSinceMs());
  }

  @Test
  void staleFlagAndSilentAgentMakeStale() {
    assertEquals("stale", write(0.5, 0, 1, 0, 0, 0, 0).state());
    write(0.5, 0, 0, 0, 0, 0, 0);
    assertEquals(
        "stale", states.of("n1", NodeLayout.of(0, store.series("n1")), true).get(0).state());
  }

  @Test
  void memoryHeldIdleNeedsZeroUtilisationAndMoreThanTheLimit() {
    assertEquals(true, write(0.0, 2e9, 0, 0, 0, 0, 0).memoryHeldIdle());
    assertEquals(false, write(0.0, 1e9, 0, 0, 0, 0, 0).memoryHeldIdle());
    assertEquals(false, write(0.005, 2e9, 0, 0, 0, 0, 0).memoryHeldIdle());
  }

  @Test
  void healthFlags() {
    assertEquals(
        List.of(), write(0.5, 0, 0, 0x4, 0, 0, 0).unhealthyReasons(), "power cap is no fault");
    assertEquals(List.of("thermal_throttling"), write(0.5, 0, 0, 0x40, 0, 0, 0).unhealthyReasons());
    assertEquals(List.of("thermal_throttling"), write(0.5, 0, 0, 0x20, 0, 0, 0).unhealthyReasons());
    assertEquals(List.of("xid"), write(0.5, 0, 0, 0, 79, 0, 0).unhealthyReasons());
    assertEquals(List.of("xid"), write(0.5, 0, 0, 0, 0, 0, 1).unhealthyReasons());
    assertEquals(List.of("ecc_uncorrected"), write(0.5, 0, 0, 0, 0, 2, 0).unhealthyReasons());
  }
}
