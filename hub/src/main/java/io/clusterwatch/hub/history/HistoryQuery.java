package io.clusterwatch.hub.history;

import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricNames;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.exposition.ExposedSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hub series query as PromQL over the names remote write used ({@link ExposedSeries}), and the
 * answer back as the store's {@link SeriesData}: internal labels, base units, counters as
 * per-second rates. Gauges are read as {@code avg_over_time} over each step and counters as {@code
 * rate} over it, and each point is stamped with the start of its step, as the store's rollup points
 * are.
 *
 * @param query the hub query (host, internal metric and label matchers, range, max points)
 * @param selectLabels further exposed labels the series must carry (the cluster's external labels)
 * @param rawStepMs the hub's raw step: the finest step asked for, and the sampling interval
 */
public record HistoryQuery(SeriesQuery query, Map<String, String> selectLabels, long rawStepMs) {
  /** A rate needs two samples: its window spans at least this many sampling intervals. */
  private static final int RATE_MIN_SAMPLES = 4;

  public HistoryQuery {
    selectLabels = Map.copyOf(selectLabels);
  }

  ExposedSeries exposed() {
    return ExposedSeries.of(query.metric());
  }

  boolean counter() {
    return query.metric().endsWith("_total");
  }

  /** The step: the raw step or coarser, whole seconds, so that at most max_points fit the range. */
  public long stepMs() {
    long span = query.toMs() - query.fromMs();
    long step = Math.max(rawStepMs, ceilDiv(span, Math.max(1, query.maxPoints() - 1)));
    return Math.max(1000, ceilDiv(step, 1000) * 1000);
  }

  /** The PromQL expression. */
  public String promql() {
    ExposedSeries e = exposed();
    StringBuilder selector = new StringBuilder(e.name()).append('{');
    Map<String, String> matchers = new TreeMap<>(selectLabels);
    matchers.put(ExposedSeries.INSTANCE, query.host());
    Labels labels = query.labels();
    for (int i = 0; i < labels.size(); i++) {
      matchers.put(e.exposedLabel(labels.name(i)), labels.value(i));
    }
    String sep = "";
    for (Map.Entry<String, String> m : matchers.entrySet()) {
      selector
          .append(sep)
          .append(m.getKey())
          .append("=\"")
          .append(escape(m.getValue()))
          .append('"');
      sep = ",";
    }
    selector.append('}');
    long step = stepMs();
    if (counter()) {
      long window = Math.max(step, RATE_MIN_SAMPLES * rawStepMs);
      return "rate(" + selector + "[" + window / 1000 + "s])";
    }
    return "avg_over_time(" + selector + "[" + step / 1000 + "s])";
  }

  /**
   * Evaluation range: each step is evaluated at its end, and steps start at multiples of the step,
   * as the store's slots do.
   */
  long evalStartMs() {
    return Math.floorDiv(query.fromMs(), stepMs()) * stepMs() + stepMs();
  }

  long evalEndMs() {
    return Math.floorDiv(query.toMs(), stepMs()) * stepMs() + stepMs();
  }

  /** The database's answer as hub series of {@code query.host()}. */
  public List<SeriesData> toSeries(List<PromResult> results) {
    ExposedSeries e = exposed();
    long step = stepMs();
    String unit = MetricNames.unitOf(query.metric());
    List<SeriesData> out = new ArrayList<>(results.size());
    for (PromResult r : results) {
      Map<String, String> internal = new TreeMap<>();
      for (Map.Entry<String, String> l : r.labels().entrySet()) {
        String name = e.internalLabel(l.getKey());
        if (name != null && !selectLabels.containsKey(l.getKey())) {
          internal.put(name, l.getValue());
        }
      }
      long[] ts = new long[r.timestampsMs().length];
      double[] values = new double[ts.length];
      int n = 0;
      for (int i = 0; i < ts.length; i++) {
        long start = r.timestampsMs()[i] - step;
        if (start >= query.fromMs() - step && start <= query.toMs()) {
          ts[n] = start;
          values[n++] = e.internal(r.values()[i]);
        }
      }
      int first = Math.max(0, n - query.maxPoints());
      double[] avg = Arrays.copyOfRange(values, first, n);
      out.add(
          new SeriesData(
              query.host(),
              new SeriesKey(query.metric(), Labels.of(internal)),
              unit,
              step,
              Arrays.copyOfRange(ts, first, n),
              avg,
              avg,
              avg));
    }
    return out;
  }

  /** A PromQL string literal's content: backslash and double quote escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
