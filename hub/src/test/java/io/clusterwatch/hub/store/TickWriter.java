package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Appends ticks to a store the way ingest does: an encoded data frame decoded into the appender.
 */
final class TickWriter {
  private final SeriesTable table;
  private final HostAppender appender;
  private long sequence;

  TickWriter(SampleStore store, String host, SeriesTable table) {
    this.table = table;
    this.appender = store.appender(host, table);
  }

  static SeriesDescriptor gauge(String metric, String... labels) {
    return SeriesDescriptor.of(metric, Labels.of(labels), MetricType.GAUGE);
  }

  static SeriesDescriptor counter(String metric, double scale, String... labels) {
    return SeriesDescriptor.of(metric, Labels.of(labels), MetricType.COUNTER, scale);
  }

  static SeriesTable table(int schemaVersion, SeriesDescriptor... series) {
    return new SeriesTable(schemaVersion, List.of(series));
  }

  /**
   * One tick: a {@link Double} per gauge, a {@link Long} (raw u64 bits) per counter, null for an
   * absent value.
   *
   * @return whether the store accepted the tick
   */
  boolean tick(long timestampMs, Object... values) {
    DataFrame frame = frame(timestampMs, values);
    DataFrameCodec.ValueVisitor visitor = appender.begin(timestampMs);
    if (visitor == null) {
      return false;
    }
    DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(frame)), table, visitor);
    appender.commit();
    return true;
  }

  /** Begins a tick and feeds its values without committing it. */
  boolean stage(long timestampMs, Object... values) {
    DataFrame frame = frame(timestampMs, values);
    DataFrameCodec.ValueVisitor visitor = appender.begin(timestampMs);
    if (visitor == null) {
      return false;
    }
    DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(frame)), table, visitor);
    return true;
  }

  void commit() {
    appender.commit();
  }

  HostAppender appender() {
    return appender;
  }

  private DataFrame frame(long timestampMs, Object... values) {
    if (values.length != table.size()) {
      throw new IllegalArgumentException(
          "tick has " + values.length + " values for a table of " + table.size());
    }
    DataFrame frame = DataFrame.empty(table.schemaVersion(), ++sequence, timestampMs, table.size());
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Long raw) {
        frame.set(i, raw);
      } else if (v instanceof Double d) {
        frame.setGauge(i, d);
      } else if (v != null) {
        throw new IllegalArgumentException("value " + i + " is neither Long nor Double: " + v);
      }
    }
    return frame;
  }
}
