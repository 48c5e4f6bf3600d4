package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * Append cost in CPU time of the appending thread, for machines shared with other work where
 * wall-clock throughput (JMH {@link StoreAppendBenchmark}) swings with the load. Fills {@code
 * hosts} synthetic nodes with {@code warmSeconds} of 1 s ticks (raw rings full, JIT warm), then
 * times {@code measureSeconds} more ticks of every host, once fed straight to the appenders and
 * once decoded from wire frames (encoded once per host, re-stamped per tick).
 *
 * <p>Arguments: {@code hosts warmSeconds measureSeconds} (default 100 3600 600).
 */
public final class StoreAppendCpuBenchmark {
  private static final long START_MS = 1_767_225_600_000L;
  private static final int FRAME_TIMESTAMP_OFFSET = 16;

  private StoreAppendCpuBenchmark() {}

  public static void main(String[] args) {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long warm = args.length > 1 ? Long.parseLong(args[1]) : 3_600;
    long measure = args.length > 2 ? Long.parseLong(args[2]) : 600;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    StoreFiller filler = new StoreFiller(store, hosts);
    filler.fill(warm, START_MS);

    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (long t = warm; t < warm + measure; t++) {
      for (int h = 0; h < hosts; h++) {
        filler.tick(h, t, START_MS);
      }
    }
    report(
        "direct",
        hosts,
        measure,
        threads.getCurrentThreadCpuTime() - cpu0,
        System.nanoTime() - wall0);

    SyntheticNode[] nodes = new SyntheticNode[hosts];
    HostAppender[] appenders = new HostAppender[hosts];
    ByteBuffer[] frames = new ByteBuffer[hosts];
    for (int h = 0; h < hosts; h++) {
      nodes[h] = new SyntheticNode(h);
      appenders[h] = store.appender(StoreFiller.hostName(h), nodes[h].table);
      DataFrame frame = DataFrame.empty(1, 1, START_MS, SyntheticNode.SERIES);
      for (int i = 0; i < SyntheticNode.SERIES; i++) {
        frame.set(i, nodes[h].bits(i, warm + measure));
      }
      frames[h] = ByteBuffer.wrap(DataFrameCodec.encode(frame));
    }
    long from = warm + measure;
    cpu0 = threads.getCurrentThreadCpuTime();
    wall0 = System.nanoTime();
    for (long t = from; t < from + measure; t++) {
      long ts = START_MS + t * 1_000;
      for (int h = 0; h < hosts; h++) {
        frames[h].putLong(FRAME_TIMESTAMP_OFFSET, ts);
        DataFrameCodec.ValueVisitor visitor = appenders[h].begin(ts);
        DataFrameCodec.decode(frames[h], nodes[h].table, visitor);
        appenders[h].commit();
      }
    }
    report(
        "decoded",
        hosts,
        measure,
        threads.getCurrentThreadCpuTime() - cpu0,
        System.nanoTime() - wall0);
  }

  private static void report(String path, int hosts, long seconds, long cpuNanos, long wallNanos) {
    long samples = (long) hosts * SyntheticNode.SERIES * seconds;
    System.out.printf(
        "%-8s %,d samples: %.1f M samples per CPU-second (%.0f ns each), %.1f M per wall second%n",
        path,
        samples,
        samples / (cpuNanos / 1e9) / 1e6,
        (double) cpuNanos / samples,
        samples / (wallNanos / 1e9) / 1e6);
  }
}
