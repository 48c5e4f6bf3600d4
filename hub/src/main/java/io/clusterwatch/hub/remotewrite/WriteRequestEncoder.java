package io.clusterwatch.hub.remotewrite;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Encodes Prometheus remote write 1.0 requests: a protobuf {@code prometheus.WriteRequest}, snappy
 * block compressed. Field numbers from prometheus/prometheus {@code prompb/remote.proto} and {@code
 * prompb/types.proto}:
 *
 * <pre>
 * message WriteRequest { repeated TimeSeries timeseries = 1; }
 * message TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * message Label        { string name = 1; string value = 2; }
 * message Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 * </pre>
 *
 * Written with protobuf-java's {@link CodedOutputStream} rather than generated classes, so the
 * build needs no protoc. Labels go out sorted by name, external labels merged in where the series
 * lacks them; the samples of one series keep their order.
 */
public final class WriteRequestEncoder {
  private static final int TIMESERIES = 1;
  private static final int LABELS = 1;
  private static final int SAMPLES = 2;
  private static final int NAME = 1;
  private static final int VALUE = 2;
  private static final int SAMPLE_VALUE = 1;
  private static final int SAMPLE_TIMESTAMP = 2;

  private final String[] external;

  /**
   * @param externalLabels added to every series that lacks a label of the same name
   */
  public WriteRequestEncoder(Map<String, String> externalLabels) {
    List<String> pairs = new ArrayList<>();
    new java.util.TreeMap<>(externalLabels)
        .forEach(
            (k, v) -> {
              pairs.add(k);
              pairs.add(v);
            });
    this.external = pairs.toArray(String[]::new);
  }

  /** The snappy-compressed request body for {@code samples}. */
  public byte[] compressed(List<QueuedSample> samples) {
    try {
      return Snappy.compress(encode(samples));
    } catch (IOException e) {
      throw new UncheckedIOException("snappy compression failed", e);
    }
  }

  /** The uncompressed protobuf {@code WriteRequest} for {@code samples}. */
  public byte[] encode(List<QueuedSample> samples) {
    Map<PromSeries, List<QueuedSample>> bySeries = new LinkedHashMap<>();
    for (QueuedSample s : samples) {
      bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
    }
    List<String[]> labels = new ArrayList<>(bySeries.size());
    int[] sizes = new int[bySeries.size()];
    int total = 0;
    int i = 0;
    for (Map.Entry<PromSeries, List<QueuedSample>> e : bySeries.entrySet()) {
      String[] l = merged(e.getKey());
      labels.add(l);
      sizes[i] = timeSeriesSize(l, e.getValue());
      total +=
          CodedOutputStream.computeTagSize(TIMESERIES)
              + CodedOutputStream.computeUInt32SizeNoTag(sizes[i])
              + sizes[i];
      i++;
    }
    byte[] out = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      i = 0;
      for (List<QueuedSample> series : bySeries.values()) {
        o.writeTag(TIMESERIES, 2);
        o.writeUInt32NoTag(sizes[i]);
        String[] l = labels.get(i);
        for (int k = 0; k < l.length; k += 2) {
          o.writeTag(LABELS, 2);
          o.writeUInt32NoTag(labelSize(l[k], l[k + 1]));
          o.writeString(NAME, l[k]);
          o.writeString(VALUE, l[k + 1]);
        }
        for (QueuedSample s : series) {
          o.writeTag(SAMPLES, 2);
          o.writeUInt32NoTag(sampleSize(s));
          o.writeDouble(SAMPLE_VALUE, s.value());
          o.writeInt64(SAMPLE_TIMESTAMP, s.timestampMs());
        }
        i++;
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("protobuf encoding overran its computed size", e);
    }
    return out;
  }

  /** The series' label pairs with the external labels merged in, sorted by name. */
  private String[] merged(PromSeries s) {
    int n = s.labelCount();
    List<String> out = new ArrayList<>(2 * n + external.length);
    int a = 0;
    int b = 0;
    while (a < n || b < external.length) {
      int cmp = a == n ? 1 : b == external.length ? -1 : s.labelName(a).compareTo(external[b]);
      if (cmp <= 0) {
        out.add(s.labelName(a));
        out.add(s.labelValue(a));
        a++;
        if (cmp == 0) {
          b += 2;
        }
      } else {
        out.add(external[b]);
        out.add(external[b + 1]);
        b += 2;
      }
    }
    return out.toArray(String[]::new);
  }

  private static int timeSeriesSize(String[] labels, List<QueuedSample> samples) {
    int size = 0;
    for (int k = 0; k < labels.length; k += 2) {
      int l = labelSize(labels[k], labels[k + 1]);
      size +=
          CodedOutputStream.computeTagSize(LABELS)
              + CodedOutputStream.computeUInt32SizeNoTag(l)
              + l;
    }
    for (QueuedSample s : samples) {
      int l = sampleSize(s);
      size +=
          CodedOutputStream.computeTagSize(SAMPLES)
              + CodedOutputStream.computeUInt32SizeNoTag(l)
              + l;
    }
    return size;
  }

  private static int labelSize(String name, String value) {
    return CodedOutputStream.computeStringSize(NAME, name)
        + CodedOutputStream.computeStringSize(VALUE, value);
  }

  private static int sampleSize(QueuedSample s) {
    return CodedOutputStream.computeDoubleSize(SAMPLE_VALUE, s.value())
        + CodedOutputStream.computeInt64Size(SAMPLE_TIMESTAMP, s.timestampMs());
  }
}
