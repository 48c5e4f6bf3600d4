package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.Labels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A job page for a 64-GPU job over 24 h of 1 s data: 8 nodes x 8 GPUs, every panel of the page
 * queried once per node (6 GPU metrics, each returning the node's 8 GPU series, and 4 node-level
 * metrics: InfiniBand receive/transmit on 4 ports, disk read/write on 8 disks), i.e. 80 queries
 * returning 576 series. The store holds 24 h of 200 series per node at 1 s with the default tiers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreQueryBenchmark {
  private static final long START_MS = 1_767_225_600_000L;
  private static final int NODES = 8;
  private static final long DAY_SECONDS = 86_400;

  @Param({"1000", "10000"})
  public int maxPoints;

  private ColumnarSampleStore store;
  private long toMs;

  @Setup
  public void fill() {
    store = new ColumnarSampleStore(StoreConfig.defaults());
    toMs = fill(store);
  }

  @Benchmark
  public void jobPage24h(Blackhole bh) {
    bh.consume(jobPage(store, toMs, maxPoints));
  }

  /** Every query of the job page; returns the number of points, so that nothing is elided. */
  static long jobPage(SampleStore store, long toMs, int maxPoints) {
    long fromMs = toMs - DAY_SECONDS * 1_000;
    long points = 0;
    for (int h = 0; h < NODES; h++) {
      String host = StoreFiller.hostName(h);
      for (List<String> metrics :
          List.of(SyntheticNode.GPU_METRICS, SyntheticNode.HOST_PANEL_METRICS)) {
        for (String metric : metrics) {
          for (SeriesData d :
              store.query(new SeriesQuery(host, metric, Labels.EMPTY, fromMs, toMs, maxPoints))) {
            points += d.timestampsMs().length;
          }
        }
      }
    }
    return points;
  }

  /** A store holding 24 h of the 8 nodes; returns the newest tick's timestamp. */
  static long fill(SampleStore store) {
    new StoreFiller(store, NODES).fill(DAY_SECONDS, START_MS);
    return START_MS + (DAY_SECONDS - 1) * 1_000;
  }
}
