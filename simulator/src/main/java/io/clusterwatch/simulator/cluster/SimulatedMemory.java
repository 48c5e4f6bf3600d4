package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;

/**
 * {@code /proc/meminfo} gauges in bytes: the jobs' anonymous memory plus a page cache that grows
 * with what is read from disk until free memory runs low, so MemFree + Buffers + Cached + used
 * always adds up to MemTotal.
 */
final class SimulatedMemory {
  private static final long GIB = 1024L * 1024 * 1024;
  private static final long SYSTEM_BYTES = 12 * GIB;
  private static final long BUFFERS_BYTES = 2 * GIB;
  private static final long SWAP_BYTES = 0;

  private final long total;
  private double cached;

  SimulatedMemory(long totalBytes, double initialCachedBytes) {
    this.total = totalBytes;
    this.cached = initialCachedBytes;
  }

  void sample(double dtSeconds, NodeDemand demand, List<Sample> out) {
    long anon = SYSTEM_BYTES + demand.jobMemoryBytes;
    // Half of what is read or written stays in the page cache; the kernel keeps 5 % free.
    cached +=
        0.5 * (demand.scratchReadBytesPerSecond + demand.scratchWriteBytesPerSecond) * dtSeconds;
    long maxCached = (long) (total * 0.95) - anon - BUFFERS_BYTES;
    cached = Math.max(0, Math.min(cached, maxCached));
    long cachedBytes = (long) cached;
    long free = total - anon - BUFFERS_BYTES - cachedBytes;
    long dirty = (long) Math.min(cachedBytes, demand.scratchWriteBytesPerSecond * 5);
    // MemAvailable counts free memory plus the reclaimable part of buffers and cache.
    long available = free + (long) ((BUFFERS_BYTES + cachedBytes - dirty) * 0.9);
    out.add(Sample.gauge("memory_MemTotal_bytes", Labels.EMPTY, total));
    out.add(Sample.gauge("memory_MemFree_bytes", Labels.EMPTY, free));
    out.add(Sample.gauge("memory_MemAvailable_bytes", Labels.EMPTY, available));
    out.add(Sample.gauge("memory_Buffers_bytes", Labels.EMPTY, BUFFERS_BYTES));
    out.add(Sample.gauge("memory_Cached_bytes", Labels.EMPTY, cachedBytes));
    out.add(Sample.gauge("memory_Dirty_bytes", Labels.EMPTY, dirty));
    out.add(Sample.gauge("memory_SwapTotal_bytes", Labels.EMPTY, SWAP_BYTES));
    out.add(Sample.gauge("memory_SwapFree_bytes", Labels.EMPTY, SWAP_BYTES));
  }
}
