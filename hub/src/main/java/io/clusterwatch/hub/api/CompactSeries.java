package io.clusterwatch.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.history.SourcedSeries;
import io.clusterwatch.hub.store.SeriesData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One series of {@code GET /api/v1/series?format=compact} (docs/API.md, "Compact series"): the
 * store's float32 values as they are, 4 bytes each, little-endian, base64; a gap is NaN. Points sit
 * at {@code start_ms + i * step_ms}; only when they do not (a series merged from the history
 * database at another step) are their times listed in {@code timestamps}.
 *
 * @param count number of points
 * @param timestamps the points' times when they are not evenly spaced, otherwise absent
 * @param values base64 of {@code count} float32 values, little-endian
 * @param min written like {@code values} when the points are rollups and bands were asked for
 * @param max written with {@code min}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompactSeries(
    String host,
    Map<String, String> labels,
    String unit,
    long stepMs,
    long startMs,
    int count,
    @JsonInclude(JsonInclude.Include.NON_NULL) long[] timestamps,
    String values,
    @JsonInclude(JsonInclude.Include.NON_NULL) String min,
    @JsonInclude(JsonInclude.Include.NON_NULL) String max,
    String source) {

  static CompactSeries of(SourcedSeries s, boolean bands) {
    SeriesData d = s.data();
    long[] ts = d.timestampsMs();
    long start = ts.length == 0 ? 0 : ts[0];
    boolean rollup = d.min() != d.avg() || d.max() != d.avg();
    return new CompactSeries(
        d.host(),
        Json.labels(d.key().labels()),
        d.unit(),
        d.stepMs(),
        start,
        ts.length,
        evenlySpaced(ts, start, d.stepMs()) ? null : ts,
        float32(d.avg()),
        bands && rollup ? float32(d.min()) : null,
        bands && rollup ? float32(d.max()) : null,
        s.source());
  }

  private static boolean evenlySpaced(long[] ts, long start, long stepMs) {
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] != start + i * stepMs) {
        return false;
      }
    }
    return true;
  }

  /**
   * The values narrowed to float32, which is what the store holds (so nothing is lost), as base64
   * of their little-endian bytes. A gap (NaN in the store) stays NaN.
   */
  static String float32(double[] values) {
    ByteBuffer buf =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      buf.putFloat(Double.isFinite(v) ? (float) v : Float.NaN);
    }
    return Base64.getEncoder().encodeToString(buf.array());
  }

  /** The whole body; like {@link SeriesJson.Body} with {@code format} naming the form. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Body(
      String metric,
      String format,
      long fromMs,
      long toMs,
      Long stepMs,
      List<CompactSeries> series,
      @JsonInclude(JsonInclude.Include.NON_NULL) String warning) {}
}
