package io.clusterwatch.protocol.message;

import io.clusterwatch.protocol.SeriesTable;

/** A new series table; data frames after it carry its schema version. Agent to hub. */
public record Schema(SeriesTable table) implements ControlMessage {
  public static final String TYPE = "schema";

  @Override
  public String type() {
    return TYPE;
  }
}
