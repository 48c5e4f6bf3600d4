package io.clusterwatch.hub.history;

import io.clusterwatch.hub.store.SeriesData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the hub's answer and the database's for one range: the hub wins where it has data. A series
 * both hold is the database's points before the hub's first value followed by the hub's points; a
 * series only one holds is taken as it is.
 */
public final class SeriesMerge {
  private SeriesMerge() {}

  public static List<SourcedSeries> hubOnly(List<SeriesData> hub) {
    return hub.stream().map(d -> new SourcedSeries(d, SourcedSeries.HUB)).toList();
  }

  public static List<SourcedSeries> merge(List<SeriesData> hub, List<SeriesData> history) {
    Map<String, SeriesData> fromHistory = new LinkedHashMap<>();
    for (SeriesData h : history) {
      fromHistory.put(id(h), h);
    }
    List<SourcedSeries> out = new ArrayList<>();
    for (SeriesData d : hub) {
      SeriesData old = fromHistory.remove(id(d));
      out.add(old == null ? new SourcedSeries(d, SourcedSeries.HUB) : join(old, d));
    }
    for (SeriesData h : fromHistory.values()) {
      out.add(new SourcedSeries(h, SourcedSeries.HISTORY));
    }
    return out;
  }

  private static String id(SeriesData d) {
    return d.host() + "\u0000" + d.key();
  }

  private static SourcedSeries join(SeriesData history, SeriesData hub) {
    int firstHub = 0;
    while (firstHub < hub.avg().length && Double.isNaN(hub.avg()[firstHub])) {
      firstHub++;
    }
    if (firstHub == hub.avg().length) {
      return new SourcedSeries(history, SourcedSeries.HISTORY);
    }
    long hubStart = hub.timestampsMs()[firstHub];
    int before = 0;
    while (before < history.timestampsMs().length && history.timestampsMs()[before] < hubStart) {
      before++;
    }
    if (before == 0) {
      return new SourcedSeries(hub, SourcedSeries.HUB);
    }
    int n = hub.avg().length - firstHub;
    long[] ts =
        concat(
            Arrays.copyOf(history.timestampsMs(), before),
            Arrays.copyOfRange(hub.timestampsMs(), firstHub, firstHub + n));
    boolean raw = hub.min() == hub.avg() && hub.max() == hub.avg();
    double[] avg =
        concat(
            Arrays.copyOf(history.avg(), before),
            Arrays.copyOfRange(hub.avg(), firstHub, firstHub + n));
    // the database's points carry no min/max: there they are the average
    double[] min =
        raw
            ? avg
            : concat(
                Arrays.copyOf(history.avg(), before),
                Arrays.copyOfRange(hub.min(), firstHub, firstHub + n));
    double[] max =
        raw
            ? avg
            : concat(
                Arrays.copyOf(history.avg(), before),
                Arrays.copyOfRange(hub.max(), firstHub, firstHub + n));
    SeriesData joined =
        new SeriesData(
            hub.host(),
            hub.key(),
            hub.unit(),
            Math.max(hub.stepMs(), history.stepMs()),
            ts,
            min,
            avg,
            max);
    return new SourcedSeries(joined, SourcedSeries.BOTH);
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
