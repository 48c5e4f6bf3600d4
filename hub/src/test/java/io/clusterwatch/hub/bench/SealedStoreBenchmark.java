package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.hub.store.StoreStats;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The sealed store fast-forwarded: {@code hosts} nodes ({@code dgx}: {@link DgxNode}, 2,048 series;
 * {@code synthetic}: {@link SyntheticNode}, 200) fed {@code hours} of 1 s ticks with synthetic
 * timestamps straight into the appenders, under the default tiers and 1 h blocks. Reports, per
 * hour, heap after GC and RSS; at the end bytes per sample on disk (chunk files of every tier over
 * the raw samples they cover) and in memory, then closes the store, reopens the directory and
 * reports how long that took.
 *
 * <p>Arguments: {@code hosts hours dgx|synthetic DIR|memory [block minutes]}. Run with {@code
 * -XX:+UseSerialGC} so that {@code System.gc()} compacts (command in docs/benchmarks/hub-store.md).
 */
public final class SealedStoreBenchmark {
  private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a block boundary

  private SealedStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int hours = Integer.parseInt(args[1]);
    boolean dgx = args[2].equals("dgx");
    Path dir = args[3].equals("memory") ? null : Path.of(args[3]);
    StoreConfig config = StoreConfig.defaults();
    if (args.length > 4) { // block length in minutes
      config =
          config.withSealing(
              Long.parseLong(args[4]) * 60_000, config.memoryBudgetBytes(), config.sealGraceMs());
    }
    long before = usedHeapAfterGc();
    ColumnarSampleStore store =
        dir == null
            ? new ColumnarSampleStore(config)
            : ColumnarSampleStore.open(config, dir, t -> {});
    Object[] nodes = new Object[hosts];
    HostAppender[] appenders = new HostAppender[hosts];
    int series = 0;
    for (int h = 0; h < hosts; h++) {
      if (dgx) {
        DgxNode n = new DgxNode(h);
        nodes[h] = n;
        appenders[h] = store.appender(StoreFiller.hostName(h), n.table);
        series = n.size();
      } else {
        SyntheticNode n = new SyntheticNode(h);
        nodes[h] = n;
        appenders[h] = store.appender(StoreFiller.hostName(h), n.table);
        series = SyntheticNode.SERIES;
      }
    }
    long[] bits = new long[series];
    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (long t = 0; t < hours * 3_600L; t++) {
      for (int h = 0; h < hosts; h++) {
        if (dgx) {
          ((DgxNode) nodes[h]).tick(t, bits);
        } else {
          for (int i = 0; i < series; i++) {
            bits[i] = ((SyntheticNode) nodes[h]).bits(i, t);
          }
        }
        DataFrameCodec.ValueVisitor v = appenders[h].begin(START_MS + t * 1_000);
        for (int i = 0; i < series; i++) {
          v.value(i, bits[i]);
        }
        appenders[h].commit();
      }
      if ((t + 1) % 1_800 == 0) {
        store.flush();
        System.out.printf(
            "minute %d: heap %,d B, RSS %,d B, disk %,d B, %.0f s CPU, %.0f s wall%n",
            (t + 1) / 60,
            usedHeapAfterGc() - before,
            rss(),
            disk(store),
            (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9,
            (System.nanoTime() - wall0) / 1e9);
      }
    }
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
    store.flush();
    long samples = (long) hosts * series * hours * 3_600L;
    StoreStats stats = store.stats();
    long heap = usedHeapAfterGc() - before;
    System.out.printf(
        "%d hosts x %d series x %d h = %,d samples; ingest %.1f s CPU (%.0f ns per sample,"
            + " values generated included)%n",
        hosts, series, hours, samples, cpu, cpu * 1e9 / samples);
    for (int tier = 0; tier < store.tierNames().size(); tier++) {
      System.out.printf(
          "tier %s: memory %,d B, disk %,d B%n",
          store.tierNames().get(tier), store.memoryBytes(tier), store.diskBytes(tier));
    }
    // the open block is not sealed yet
    long sealedRaw = (long) hosts * series * (hours * 3_600_000L - config.blockMs()) / 1_000;
    if (dir != null) {
      System.out.printf(
          "disk: raw tier %.3f B per raw sample; all tiers %.3f B per raw sample%n",
          (double) store.diskBytes(0) / sealedRaw, (double) disk(store) / sealedRaw);
    } else {
      long sealedBytes = store.memoryBytes(0);
      System.out.printf(
          "memory-only: raw tier %,d B for %,d raw samples held (%.3f B per sample)%n",
          sealedBytes, samples, (double) sealedBytes / samples);
    }
    System.out.printf(
        "heap after GC %,d B (%.3f B per ingested sample; stats.bytes %,d); RSS %,d B%n",
        heap, (double) heap / samples, stats.bytes(), rss());
    if (dir != null) {
      store.close();
      store = null;
      usedHeapAfterGc();
      long t0 = System.nanoTime();
      ColumnarSampleStore back = ColumnarSampleStore.open(config, dir, t -> {});
      double openMs = (System.nanoTime() - t0) / 1e6;
      long q0 = System.nanoTime();
      int points =
          back.query(
                  new SeriesQuery(
                      StoreFiller.hostName(0),
                      "gpu_power_watts",
                      Labels.EMPTY,
                      START_MS,
                      START_MS + hours * 3_600_000L - config.blockMs() - 1,
                      1_000))
              .size();
      System.out.printf(
          "reopen: %.0f ms for %,d files; first query of %d series over the sealed range %.0f ms%n",
          openMs, files(dir), points, (System.nanoTime() - q0) / 1e6);
      back.close();
    }
  }

  private static long disk(ColumnarSampleStore store) {
    long bytes = 0;
    for (int tier = 0; tier < store.tierNames().size(); tier++) {
      bytes += store.diskBytes(tier);
    }
    return bytes;
  }

  private static long files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".chunk")).count();
    }
  }

  static long rss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
