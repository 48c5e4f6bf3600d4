package io.clusterwatch.hub.metrics;

import io.clusterwatch.hub.wal.WriteAheadLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of the durable store: the write-ahead log's size, backlog and write errors. */
public final class StoreMeters {
  private StoreMeters() {}

  public static void register(MeterRegistry registry, WriteAheadLog log) {
    FunctionCounter.builder("clusterwatch.store.write.errors", log, WriteAheadLog::writeErrors)
        .description("Writes or fsyncs of the data directory that failed (nothing new is acknowledged"
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
}
