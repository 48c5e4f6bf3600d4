package io.clusterwatch.hub.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesMergeTest {
  private static SeriesData series(String gpu, long step, long[] ts, double[] v) {
    return new SeriesData(
        "h",
        new SeriesKey("gpu_utilization_ratio", Labels.of("gpu", gpu)),
        "ratio",
        step,
        ts,
        v,
        v,
        v);
  }

  @Test
  void theDatabaseFillsWhatPrecedesTheHubsFirstValue() {
    SeriesData hub =
        series("0", 1000, new long[] {3000, 4000, 5000}, new double[] {Double.NaN, 0.4, 0.5});
    SeriesData old = series("0", 2000, new long[] {0, 2000, 4000}, new double[] {0.1, 0.2, 0.9});
    SourcedSeries s = SeriesMerge.merge(List.of(hub), List.of(old)).get(0);
    assertEquals(SourcedSeries.BOTH, s.source());
    assertArrayEquals(new long[] {0, 2000, 4000, 5000}, s.data().timestampsMs());
    assertArrayEquals(new double[] {0.1, 0.2, 0.4, 0.5}, s.data().avg());
    assertEquals(2000, s.data().stepMs());
  }

  @Test
  void seriesOfOneSideKeepTheirSource() {
    SeriesData hub = series("0", 1000, new long[] {3000}, new double[] {0.4});
    SeriesData old = series("1", 1000, new long[] {0}, new double[] {0.1});
    List<SourcedSeries> out = SeriesMerge.merge(List.of(hub), List.of(old));
    assertEquals(
        List.of(SourcedSeries.HUB, SourcedSeries.HISTORY),
        out.stream().map(SourcedSeries::source).toList());
  }

  @Test
  void aHubSeriesOfGapsIsTheDatabases() {
    SeriesData hub = series("0", 1000, new long[] {3000}, new double[] {Double.NaN});
    SeriesData old = series("0", 1000, new long[] {0}, new double[] {0.1});
    assertEquals(
        SourcedSeries.HISTORY, SeriesMerge.merge(List.of(hub), List.of(old)).get(0).source());
  }
}
