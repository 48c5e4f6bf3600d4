package io.clusterwatch.protocol;

/** A series' identity within one host: metric name plus labels. */
public record SeriesKey(String metric, Labels labels) implements Comparable<SeriesKey> {
  @Override
  public int compareTo(SeriesKey o) {
    int c = metric.compareTo(o.metric);
    return c != 0 ? c : labels.compareTo(o.labels);
  }

  @Override
  public String toString() {
    return metric + labels;
  }
}
