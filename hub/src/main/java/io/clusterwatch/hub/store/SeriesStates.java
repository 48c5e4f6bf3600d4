package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * Per-column state outside the tiers, in dense arrays indexed by column: the previous raw reading
 * of each counter (for rates) and the newest value of each series (exact, as doubles). Guarded by
 * the host's lock.
 */
final class SeriesStates {
  /** Bytes per column held by the arrays below. */
  static final long BYTES_PER_COLUMN = 8L * 5;

  private long[] previousRaw = new long[0];
  private long[] previousRawTs = new long[0];
  private long[] latestTs = new long[0];
  private double[] latestValue = new double[0];
  private double[] latestRawScaled = new double[0];

  void addColumn(int column) {
    if (column >= latestTs.length) {
      int n = Math.max(8, latestTs.length * 2);
      previousRaw = Arrays.copyOf(previousRaw, n);
      previousRawTs = Arrays.copyOf(previousRawTs, n);
      latestTs = Arrays.copyOf(latestTs, n);
      latestValue = Arrays.copyOf(latestValue, n);
      latestRawScaled = Arrays.copyOf(latestRawScaled, n);
    }
    previousRawTs[column] = Tier.NONE;
    latestTs[column] = Tier.NONE;
  }

  /** Forgets the previous raw reading: the counter's next rate is a gap. */
  void resetCounter(int column) {
    previousRawTs[column] = Tier.NONE;
  }

  /** Records a counter reading and returns its rate since the previous one (NaN if none). */
  double counter(int column, long raw, long tsMs, double scale) {
    double rate =
        previousRawTs[column] == Tier.NONE
            ? Double.NaN
            : CounterRate.perSecond(previousRaw[column], previousRawTs[column], raw, tsMs, scale);
    previousRaw[column] = raw;
    previousRawTs[column] = tsMs;
    latestTs[column] = tsMs;
    latestValue[column] = rate;
    latestRawScaled[column] = io.clusterwatch.protocol.Sample.unsignedToDouble(raw) * scale;
    return rate;
  }

  void gauge(int column, double value, long tsMs) {
    latestTs[column] = tsMs;
    latestValue[column] = value;
    latestRawScaled[column] = Double.NaN;
  }

  /** The newest value of a column, or null when it never had one. */
  LatestValue latest(int column) {
    if (latestTs[column] == Tier.NONE) {
      return null;
    }
    return new LatestValue(latestTs[column], latestValue[column], latestRawScaled[column]);
  }
}
