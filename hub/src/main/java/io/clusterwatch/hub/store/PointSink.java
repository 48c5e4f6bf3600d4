package io.clusterwatch.hub.store;

/**
 * Takes the points a tier reads for one series, in ascending point order; with grouping, the slots
 * of one point arrive one after another.
 */
interface PointSink {
  /** Adds one slot (or open bucket) to point {@code point}: NaN where it holds no value. */
  void add(int point, double min, double avg, double max);
}
