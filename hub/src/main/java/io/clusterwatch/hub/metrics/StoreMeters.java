package io.clusterwatch.hub.metrics;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.wal.WriteAheadLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the store: the write-ahead log's size, backlog and write errors; bytes per tier in
 * memory and on disk.
 */
public final class StoreMeters {
  private StoreMeters() {}

  public static void register(MeterRegistry registry, WriteAheadLog log) {
    FunctionCounter.builder("clusterwatch.store.write.errors", log, WriteAheadLog::writeErrors)
        .description(
            "Writes or fsyncs of the data directory that failed (nothing new is acknowledged"
                + " until one succeeds)")
        .register(registry);
    Gauge.builder("clusterwatch.store.wal.size", log, WriteAheadLog::diskBytes)
        .description("Bytes of write-ahead log segments on disk")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("clusterwatch.store.wal.pending", log, WriteAheadLog::unsyncedBytes)
        .description("Bytes accepted but not yet written and fsynced, held in memory")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("clusterwatch.store.wal.failing", log, l -> l.failing() ? 1 : 0)
        .description("1 while the latest write-ahead log write failed")
        .register(registry);
  }

  /**
   * {@code clusterwatch_store_memory_bytes{tier}} and {@code clusterwatch_store_disk_bytes{tier}}
   * (tiers {@code raw}, {@code 10s}, {@code 60s}), and the cache of chunks read back from disk.
   */
  public static void registerTiers(MeterRegistry registry, ColumnarSampleStore store) {
    java.util.List<String> tiers = store.tierNames();
    for (int i = 0; i < tiers.size(); i++) {
      int tier = i;
      Gauge.builder("clusterwatch.store.memory", store, s -> s.memoryBytes(tier))
          .description("Heap held by the tier's open blocks and its sealed blocks still in memory")
          .baseUnit("bytes")
          .tag("tier", tiers.get(i))
          .register(registry);
      Gauge.builder("clusterwatch.store.disk", store, s -> s.diskBytes(tier))
          .description("Bytes of the tier's chunk files on disk")
          .baseUnit("bytes")
          .tag("tier", tiers.get(i))
          .register(registry);
    }
    Gauge.builder("clusterwatch.store.cache", store, ColumnarSampleStore::cachedBytes)
        .description("Sealed chunks read back from disk and cached (at most store.memory_budget)")
        .baseUnit("bytes")
        .register(registry);
  }
}
