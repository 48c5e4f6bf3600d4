package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesKey;

/** What one column of a host holds; type, unit and scale follow the newest table. */
final class SeriesColumn {
  final SeriesKey key;
  MetricType type;
  String unit;
  double scale;

  /** {@link #bytes()}, worked out once: every scrape of the store's size gauges asks for it. */
  private final long keyBytes;

  SeriesColumn(SeriesDescriptor descriptor) {
    this.key = descriptor.key();
    this.type = descriptor.type();
    this.unit = descriptor.unit();
    this.scale = descriptor.scale();
    this.keyBytes = keyBytes(key);
  }

  SeriesDescriptor descriptor() {
    return new SeriesDescriptor(key.metric(), key.labels(), type, unit, scale);
  }

  /**
   * Takes the descriptor's type, unit and scale; true when raw counter readings changed meaning.
   */
  boolean update(SeriesDescriptor descriptor) {
    boolean changed = type != descriptor.type() || scale != descriptor.scale();
    type = descriptor.type();
    unit = descriptor.unit();
    scale = descriptor.scale();
    return changed;
  }

  /**
   * Rough heap held by the key (metric and label strings, Latin-1) plus this object: the key
   * outlives the table that brought it.
   */
  long bytes() {
    return keyBytes;
  }

  private static long keyBytes(SeriesKey key) {
    long bytes = 32 + 16 + stringBytes(key.metric()) + 16 + 48 + 8;
    for (int i = 0; i < key.labels().size(); i++) {
      bytes += 8 + stringBytes(key.labels().name(i)) + stringBytes(key.labels().value(i));
    }
    return bytes;
  }

  private static long stringBytes(String s) {
    return 24 + ((16 + s.length() + 7) & ~7L);
  }
}
