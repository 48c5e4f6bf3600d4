package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;

/**
 * A message that carries a series table, written as two of its own fields: {@code schema_version}
 * and {@code series}.
 */
interface TableFields {
  SeriesTable table();

  @JsonProperty("schema_version")
  default int schemaVersion() {
    return table().schemaVersion();
  }

  @JsonProperty("series")
  default List<WireSeries> series() {
    return WireSeries.of(table());
  }
}
