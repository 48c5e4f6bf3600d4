package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.Sample;

/** Per-second rate of an unsigned 64-bit counter between two readings. */
final class CounterRate {
  private CounterRate() {}

  /**
   * {@code (raw - previousRaw) * scale} per second over {@code (previousTsMs, tsMs]}, in unsigned
   * arithmetic (exact across 2^63, and for counters near 2^64). NaN when the counter went backwards
   * (reset, wrap past 2^64, reboot), since the true increase is then unknown: a gap, never a
   * negative value or a spike.
   */
  static double perSecond(long previousRaw, long previousTsMs, long raw, long tsMs, double scale) {
    if (tsMs <= previousTsMs || Long.compareUnsigned(raw, previousRaw) < 0) {
      return Double.NaN;
    }
    return Sample.unsignedToDouble(raw - previousRaw) * scale * 1000.0 / (tsMs - previousTsMs);
  }
}
