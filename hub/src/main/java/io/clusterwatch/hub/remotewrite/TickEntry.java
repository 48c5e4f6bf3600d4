package io.clusterwatch.hub.remotewrite;

/**
 * The samples of one stored host tick, named for remote write: {@code values[i]} belongs to {@code
 * series[i]}, all at {@code timestampMs}. Immutable once built, so every endpoint's source shares
 * the same entry.
 */
public record TickEntry(long timestampMs, PromSeries[] series, double[] values) {
  public TickEntry {
    if (series.length != values.length) {
      throw new IllegalArgumentException(
          series.length + " series but " + values.length + " values");
    }
  }

  public int size() {
    return values.length;
  }
}
