package io.clusterwatch.hub;

import io.clusterwatch.hub.store.StoreSettings;

/**
 * The heap the launchers give the hub ({@code -Xmx}), from the store's budget rather than a share
 * of the machine's memory: {@code store.memory_budget} (sealed chunks read back and cached) plus a
 * fixed {@link #HEADROOM_BYTES} for everything else the hub holds. A JVM left at its default (a
 * quarter or half of the RAM) lets the young generation grow into hundreds of megabytes of garbage
 * before it collects, and the resident set with it; measured in docs/BENCHMARKS.md
 * (bench/hub-vs-prometheus.sh).
 */
public final class HeapSize {
  /**
   * The open blocks of the store (about 3 KB per series at the end of a 30 min block, measured in
   * docs/benchmarks/hub-store.md: 256 MiB hold about 60,000 series beside the rest), the series
   * tables, jobs, rules, live and ingest buffers: 256 MiB.
   */
  public static final long HEADROOM_BYTES = 256L << 20;

  private HeapSize() {}

  /** Bytes of heap for a hub with these store settings. */
  public static long maxHeapBytes(StoreSettings store) {
    return Math.addExact(store.memoryBudget().bytes(), HEADROOM_BYTES);
  }

  /** As a {@code -Xmx} value in whole MiB, rounded up: {@code 512m}. */
  public static String xmx(StoreSettings store) {
    long mib = (maxHeapBytes(store) + (1L << 20) - 1) >> 20;
    return mib + "m";
  }
}
