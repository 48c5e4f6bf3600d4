package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.MetricType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The chunk-file format against an embedded engine, H2's MVStore, on the same samples: {@code
 * hosts} {@link DgxNode}s for {@code hours} of 1 s ticks. MVStore keeps one entry per sample (key:
 * series number and second; value: the float32 the store keeps, counters as rates), with its LZF
 * page compression on, committed every 10 s of data; the hub's store seals 30 min blocks into chunk
 * files. Reports bytes on disk per sample, CPU per sample of the writing thread and the time to
 * reopen.
 *
 * <p>Arguments: {@code hosts hours DIR}.
 */
public final class MvStoreComparison {
  private static final long START_MS = 1_767_225_600_000L;

  private MvStoreComparison() {}

  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int hours = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    long ticks = hours * 3_600L;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    // the hub's store: sealed blocks in chunk files
    Path chunks = dir.resolve("chunks");
    long cpu = threads.getCurrentThreadCpuTime();
    ColumnarSampleStore store = ColumnarSampleStore.open(StoreConfig.defaults(), chunks, t -> {});
    DgxNode[] nodes = new DgxNode[hosts];
    HostAppender[] appenders = new HostAppender[hosts];
    for (int h = 0; h < hosts; h++) {
      nodes[h] = new DgxNode(h);
      appenders[h] = store.appender(StoreFiller.hostName(h), nodes[h].table);
    }
    int series = nodes[0].size();
    long[] bits = new long[series];
    for (long t = 0; t < ticks; t++) {
      for (int h = 0; h < hosts; h++) {
        nodes[h].tick(t, bits);
        DataFrameCodec.ValueVisitor v = appenders[h].begin(START_MS + t * 1_000);
        for (int i = 0; i < series; i++) {
          v.value(i, bits[i]);
        }
        appenders[h].commit();
      }
    }
    store.flush();
    double storeCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    store.close();
    long open = StoreConfig.defaults().blockMs() / 1_000; // the open block stays in the log
    long sealed = (long) hosts * series * (ticks - open);
    long t0 = System.nanoTime();
    ColumnarSampleStore.open(StoreConfig.defaults(), chunks, t -> {}).close();
    double storeOpenMs = (System.nanoTime() - t0) / 1e6;
    long storeRaw = size(chunks.resolve("0"));

    // MVStore: the same values (counters as the store's per-second rates), one entry per sample
    Path mv = dir.resolve("samples.mv.db");
    Files.deleteIfExists(mv);
    for (int h = 0; h < hosts; h++) {
      nodes[h] = new DgxNode(h);
    }
    boolean[] counter = new boolean[series];
    for (int i = 0; i < series; i++) {
      counter[i] = nodes[0].table.get(i).type() == MetricType.COUNTER;
    }
    long[][] previous = new long[hosts][series];
    cpu = threads.getCurrentThreadCpuTime();
    MVStore engine =
        new MVStore.Builder().fileName(mv.toString()).compress().autoCommitDisabled().open();
    MVMap<Long, Float> map = engine.openMap("samples");
    for (long t = 0; t < ticks - open; t++) {
      for (int h = 0; h < hosts; h++) {
        nodes[h].tick(t, bits);
        for (int i = 0; i < series; i++) {
          float v;
          if (counter[i]) {
            v =
                t == 0
                    ? Float.NaN
                    : (float) ((bits[i] - previous[h][i]) * nodes[h].table.get(i).scale());
            previous[h][i] = bits[i];
          } else {
            v = (float) Double.longBitsToDouble(bits[i]);
          }
          map.put(((long) (h * series + i) << 32) | t, v);
        }
      }
      if (t % 10 == 9) {
        engine.commit();
      }
    }
    engine.commit();
    engine.close();
    double mvCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    t0 = System.nanoTime();
    MVStore reopened = new MVStore.Builder().fileName(mv.toString()).compress().open();
    long entries = reopened.openMap("samples").sizeAsLong();
    double mvOpenMs = (System.nanoTime() - t0) / 1e6;
    reopened.close();
    long mvBytes = Files.size(mv);

    System.out.printf(
        "%d DGX hosts x %d series, %d s sealed (%,d samples sealed / stored)%n",
        hosts, series, ticks - open, sealed);
    System.out.printf(
        "chunk files: raw tier %,d B = %.3f B per sample; ingest %.1f s CPU for %d h of all tiers"
            + " (%.0f ns per sample); reopen %.0f ms%n",
        storeRaw,
        (double) storeRaw / sealed,
        storeCpu,
        hours,
        storeCpu * 1e9 / ((long) hosts * series * ticks),
        storeOpenMs);
    System.out.printf(
        "MVStore: %,d B = %.3f B per sample (%,d entries); ingest %.1f s CPU (%.0f ns per sample);"
            + " reopen and count %.0f ms%n",
        mvBytes, (double) mvBytes / sealed, entries, mvCpu, mvCpu * 1e9 / sealed, mvOpenMs);
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
