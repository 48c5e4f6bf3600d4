package io.clusterwatch.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered series table of one schema version: position {@code i} of every data frame of this
 * version holds a value of {@code series.get(i)}.
 */
public record SeriesTable(int schemaVersion, List<SeriesDescriptor> series) {
  public SeriesTable {
    series = List.copyOf(series);
    Set<SeriesKey> seen = new HashSet<>();
    for (SeriesDescriptor d : series) {
      if (!seen.add(d.key())) {
        throw new ProtocolException("bad_series", "duplicate series in table: " + d.key());
      }
    }
  }

  public int size() {
    return series.size();
  }

  public SeriesDescriptor get(int i) {
    return series.get(i);
  }

  /** The exact byte length of a data frame for this table. */
  public int frameLength() {
    return DataFrameCodec.frameLength(series.size());
  }
}
