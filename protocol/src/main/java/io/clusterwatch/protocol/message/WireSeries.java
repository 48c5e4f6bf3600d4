package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code series} array of a hello or schema message, as it travels.
 *
 * @param id the entry's position, checked when present (null when absent)
 * @param type {@code counter} or {@code gauge}
 * @param scale written only when it is not 1 (null when absent)
 */
record WireSeries(
    Integer id,
    @Required String metric,
    Map<String, String> labels,
    @Required String type,
    String unit,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double scale) {

  static List<WireSeries> of(SeriesTable table) {
    List<WireSeries> out = new ArrayList<>(table.size());
    for (int i = 0; i < table.size(); i++) {
      SeriesDescriptor d = table.get(i);
      out.add(
          new WireSeries(
              i,
              d.metric(),
              d.labels().asMap(),
              d.type().wireName(),
              d.unit(),
              d.scale() == 1.0 ? null : d.scale()));
    }
    return out;
  }

  static SeriesTable table(int schemaVersion, List<WireSeries> series) {
    List<SeriesDescriptor> list = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      list.add(series.get(i).descriptor(i));
    }
    return new SeriesTable(schemaVersion, list);
  }

  private SeriesDescriptor descriptor(int index) {
    if (id != null && id != index) {
      throw new ProtocolException(
          "bad_series", "series[" + index + "] has id " + id + ", expected " + index);
    }
    try {
      return new SeriesDescriptor(
          metric,
          Labels.of(labels),
          MetricType.fromWireName(type),
          unit,
          scale == null ? 1.0 : scale);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("bad_series", "series[" + index + "]: " + e.getMessage());
    } catch (ProtocolException e) {
      throw new ProtocolException(e.code(), "series[" + index + "]: " + e.getMessage());
    }
  }
}
