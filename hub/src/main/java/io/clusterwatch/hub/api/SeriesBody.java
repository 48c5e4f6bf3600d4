package io.clusterwatch.hub.api;

import io.clusterwatch.hub.history.SourcedSeries;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code GET /api/v1/series} in the form the request asked for. */
final class SeriesBody {
  private SeriesBody() {}

  /**
   * @param warning why the history database's part is missing; null when nothing went wrong
   */
  static Object of(SeriesParams p, List<SourcedSeries> data, String warning) {
    long step = 0;
    for (SourcedSeries d : data) {
      step = Math.max(step, d.data().stepMs());
    }
    Long stepMs = data.isEmpty() ? null : step;
    if (p.format() == SeriesFormat.COMPACT) {
      List<CompactSeries> series = new ArrayList<>(data.size());
      for (SourcedSeries d : data) {
        series.add(CompactSeries.of(d, p.bands()));
      }
      return new CompactSeries.Body(
          p.metric(), "compact", p.fromMs(), p.toMs(), stepMs, series, warning);
    }
    List<SeriesJson> series = new ArrayList<>(data.size());
    for (SourcedSeries d : data) {
      series.add(SeriesJson.of(d, p.bands()));
    }
    return new SeriesJson.Body(p.metric(), p.fromMs(), p.toMs(), stepMs, series, warning);
  }
}
