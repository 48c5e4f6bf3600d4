package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.Labels;

/**
 * @param host one host
 * @param metric exact metric name
 * @param labels every series whose labels contain these (empty: all series of the metric)
 * @param fromMs range start, inclusive, ms since the epoch
 * @param toMs range end, inclusive
 * @param maxPoints most points to return per series (at least 1)
 */
public record SeriesQuery(
    String host, String metric, Labels labels, long fromMs, long toMs, int maxPoints) {
  public SeriesQuery {
    checkWindow(fromMs, toMs, maxPoints);
  }

  /** Refuses a range that ends before it starts, and a budget of no points. */
  static void checkWindow(long fromMs, long toMs, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1");
    }
    if (toMs < fromMs) {
      throw new IllegalArgumentException("range end is before its start");
    }
  }
}
