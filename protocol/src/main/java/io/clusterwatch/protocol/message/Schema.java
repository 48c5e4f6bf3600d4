package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;

/**
 * A new series table; data frames after it carry its schema version. Agent to hub. On the wire the
 * table is two fields of the message, {@code schema_version} and {@code series}.
 */
public record Schema(@JsonIgnore SeriesTable table) implements ControlMessage, TableFields {
  public static final String TYPE = "schema";

  @JsonCreator
  static Schema fromWire(
      @Required @JsonProperty("schema_version") int schemaVersion,
      @Required @JsonProperty("series") List<WireSeries> series) {
    return new Schema(WireSeries.table(schemaVersion, series));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
