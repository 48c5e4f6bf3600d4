package io.clusterwatch.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.history.SourcedSeries;
import io.clusterwatch.hub.store.SeriesData;
import java.util.List;
import java.util.Map;

/**
 * One series of {@code GET /api/v1/series} (docs/API.md).
 *
 * @param min written only when the points are rollups whose minimum differs from the average
 * @param max written with {@code min}
 * @param source where the points came from: {@code hub}, {@code history} or {@code hub+history}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeriesJson(
    String host,
    Map<String, String> labels,
    String unit,
    long stepMs,
    long[] timestamps,
    Float[] values,
    @JsonInclude(JsonInclude.Include.NON_NULL) Float[] min,
    @JsonInclude(JsonInclude.Include.NON_NULL) Float[] max,
    String source) {

  /** A series of the hub's own tiers. */
  public static SeriesJson of(SeriesData d) {
    return of(d, SourcedSeries.HUB);
  }

  public static SeriesJson of(SourcedSeries s) {
    return of(s.data(), s.source());
  }

  /** A series with min and max only when {@code bands} is set and the points are rollups. */
  static SeriesJson of(SourcedSeries s, boolean bands) {
    return of(s.data(), s.source(), bands);
  }

  private static SeriesJson of(SeriesData d, String source) {
    return of(d, source, true);
  }

  private static SeriesJson of(SeriesData d, String source, boolean bands) {
    boolean rollup = bands && (d.min() != d.avg() || d.max() != d.avg());
    return new SeriesJson(
        d.host(),
        Json.labels(d.key().labels()),
        d.unit(),
        d.stepMs(),
        d.timestampsMs(),
        numbers(d.avg()),
        rollup ? numbers(d.min()) : null,
        rollup ? numbers(d.max()) : null,
        source);
  }

  /**
   * The store keeps float32 values: each is printed with the shortest decimal that reads back as
   * the same float ({@link Float#toString}), not the 17 digits of its widened double; gaps are
   * null.
   */
  static Float[] numbers(double[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.isFinite(values[i]) ? (float) values[i] : null;
    }
    return out;
  }

  /**
   * The whole body.
   *
   * @param stepMs the largest step of the series, null when there are none
   * @param warning why the history database's part is missing (only the hub's is there); absent
   *     when nothing went wrong
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Body(
      String metric,
      long fromMs,
      long toMs,
      Long stepMs,
      List<SeriesJson> series,
      @JsonInclude(JsonInclude.Include.NON_NULL) String warning) {}
}
