package io.clusterwatch.hub.jobs;

/**
 * One interval of the allocation timeline: a job holding one GPU of a host (or the host itself when
 * {@code gpuUuid} is empty, for a job with no GPU there).
 *
 * @param endMs end of the interval, {@link #OPEN} while the job still holds it
 */
public record Allocation(String jobId, String host, String gpuUuid, long startMs, long endMs) {
  public static final long OPEN = Long.MAX_VALUE;

  public boolean isOpen() {
    return endMs == OPEN;
  }

  public boolean holdsGpu() {
    return !gpuUuid.isEmpty();
  }

  /** True when the interval overlaps {@code [fromMs, toMs]}. */
  public boolean overlaps(long fromMs, long toMs) {
    return startMs <= toMs && endMs >= fromMs;
  }

  Allocation closedAt(long timeMs) {
    return new Allocation(jobId, host, gpuUuid, startMs, Math.max(startMs, timeMs));
  }
}
