package io.clusterwatch.hub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A GPU's usage is read at a resolution that depends on the allocation's length: raw points for a
 * short one, 60 s rollups for a day, never merged buckets for a long one.
 */
class GpuUsageTest {
  static final String H = "gpu01";
  static final String UUID = "GPU-a";
  static final long T0 = 1_790_000_040_000L - 1_790_000_040_000L % 60_000;
  static final double IDLE_THRESHOLD = 0.05;
  static final SeriesTable TABLE =
      new SeriesTable(
          1,
          List.of(
              SeriesDescriptor.of(
                  GpuUsage.UTILIZATION, Labels.of("gpu_uuid", UUID), MetricType.GAUGE),
              SeriesDescriptor.of(GpuUsage.MEMORY, Labels.of("gpu_uuid", UUID), MetricType.GAUGE)));

  /**
   * {@code seconds} of 1 s points from T0: each minute idle (0) for its first 30 s and busy (1) for
   * the rest; memory 1e9 bytes but 8e10 at one second.
   */
  private static ColumnarSampleStore store(int seconds) {
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    for (int s = 0; s < seconds; s++) {
      long t = T0 + s * 1000L;
      DataFrame f = DataFrame.empty(1, s + 1, t, TABLE.size());
      f.setGauge(0, s % 60 < 30 ? 0.0 : 1.0);
      f.setGauge(1, s == seconds / 2 ? 8e10 : 1e9);
      HostAppender a = store.appender(H, TABLE);
      DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(f)), TABLE, a.begin(t));
      a.commit();
    }
    return store;
  }

  private static GpuUsage usage(int seconds) {
    long end = T0 + seconds * 1000L;
    return GpuUsage.of(store(seconds), new Allocation("1", H, UUID, T0, end), end, IDLE_THRESHOLD);
  }

  @Test
  void aShortAllocationCountsIdleSecondsFromRawPoints() {
    GpuUsage u = usage(20 * 60);
    assertEquals(10 * 60_000.0, u.idleMs(), 1e-6);
    assertEquals(0.5, u.meanUtilization(), 1e-9);
    assertEquals(8e10, u.peakMemoryBytes(), 1e3);
  }

  @Test
  void aSixHourAllocationIsReadFromTheMinuteRollups() {
    // 21,600 raw points and 2,160 10 s points are more than MAX_POINTS: the 60 s rollups answer,
    // and no minute is idle throughout. Mean and peak are the same at any tier.
    GpuUsage u = usage(6 * 3600);
    assertEquals(0.0, u.idleMs(), 1e-6);
    assertEquals(360, u.points().length);
    assertEquals(0.5, u.meanUtilization(), 1e-9);
    assertEquals(8e10, u.peakMemoryBytes(), 1e3);
  }

  @Test
  void pointsAreEnoughForTheMinuteRollupsOfALongAllocation() {
    long day = 24 * 3600_000L;
    assertEquals(GpuUsage.MAX_POINTS, GpuUsage.pointsFor(T0, T0 + day));
    assertEquals(7 * 24 * 60 + 1, GpuUsage.pointsFor(T0, T0 + 7 * day));
    assertEquals(GpuUsage.MAX_POINTS, GpuUsage.pointsFor(T0, T0));
  }
}
