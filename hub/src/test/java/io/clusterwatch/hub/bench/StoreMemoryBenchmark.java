package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.hub.store.StoreStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.List;

/**
 * Memory per stored sample, all-in: fills a store with {@code hosts} synthetic 200-series nodes for
 * {@code seconds} of 1 s ticks, then compares the heap in use after full GCs with the heap before
 * the store existed, and with the store's own {@code stats().bytes()}.
 *
 * <p>Arguments: {@code hosts seconds [raw-only]}; {@code raw-only} drops the rollup tiers to
 * measure the raw tier alone. Run with a heap large enough for the data and {@code
 * -XX:+UseSerialGC} so that {@code System.gc()} compacts everything (command in
 * docs/benchmarks/hub-store.md).
 */
public final class StoreMemoryBenchmark {
  private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private StoreMemoryBenchmark() {}

  public static void main(String[] args) {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3_600;
    boolean rawOnly = args.length > 2 && args[2].equals("raw-only");
    StoreConfig defaults = StoreConfig.defaults();
    StoreConfig config =
        rawOnly
            ? new StoreConfig(
                defaults.rawStepMs(),
                defaults.rawRetentionMs(),
                List.of(),
                defaults.maxSeriesPerHost())
            : defaults;

    long before = usedHeapAfterGc();
    ColumnarSampleStore store = new ColumnarSampleStore(config);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long fillCpu = threads.getCurrentThreadCpuTime();
    long fillStart = System.nanoTime();
    new StoreFiller(store, hosts).fill(seconds, START_MS);
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
    double fillCpuSeconds = (threads.getCurrentThreadCpuTime() - fillCpu) / 1e9;
    // the filler and its appenders are garbage now: only the store stays reachable
    long after = usedHeapAfterGc();
    StoreStats stats = store.stats();
    Reference.reachabilityFence(store);

    long heap = after - before;
    long rawPerSeries = Math.min(seconds, defaults.rawRetentionMs() / defaults.rawStepMs());
    long rawValues = rawPerSeries * stats.series();
    long ingested = seconds * stats.series();
    System.out.printf(
        "hosts=%d series=%d seconds=%d tiers=%s fill: %.1f s wall, %.1f s CPU (%.1f M samples"
            + " per CPU-second)%n",
        stats.hosts(),
        stats.series(),
        seconds,
        rawOnly ? "raw" : "raw+10s+60s",
        fillSeconds,
        fillCpuSeconds,
        ingested / fillCpuSeconds / 1e6);
    System.out.printf(
        "heap delta=%,d B  stats.bytes=%,d B  (stats/heap=%.3f)%n",
        heap, stats.bytes(), (double) stats.bytes() / heap);
    System.out.printf(
        "raw values held=%,d  heap bytes per raw value=%.3f  stats bytes per raw value=%.3f%n",
        rawValues, (double) heap / rawValues, (double) stats.bytes() / rawValues);
    System.out.printf(
        "values held in all tiers=%,d  heap bytes per value held=%.3f%n",
        stats.samples(), (double) heap / stats.samples());
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
