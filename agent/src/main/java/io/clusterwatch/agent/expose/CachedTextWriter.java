package io.clusterwatch.agent.expose;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Prometheus text format of {@link PrometheusText}, byte for byte, at the cost of a copy per
 * series: a family's HELP/TYPE lines and each series' {@code name{labels} } prefix are rendered
 * once, by the client library's own writer on a one-point family, and reused while the series
 * lasts; per tick only the values are formatted (as that writer does: {@code +Inf}, {@code -Inf},
 * else {@link Double#toString}). Only the families {@link SnapshotMapper} makes (counter, gauge,
 * untyped) are supported.
 *
 * <p>Series are recognised by their {@link Labels} instance, which {@link SnapshotMapper} reuses
 * from tick to tick; only the previous render's series are kept, so the cache never grows past one
 * tick. Not thread-safe: one caller renders at a time.
 */
final class CachedTextWriter {
  private final PrometheusText reference = new PrometheusText();
  private Map<String, FamilyLines> families = new HashMap<>();
  private byte[] buffer = new byte[64 * 1024];
  private int length;

  /** What is written for one family: its header, and the line prefix of each of its series. */
  private static final class FamilyLines {
    final Class<?> kind;
    final String help;
    final byte[] header;
    Map<Labels, byte[]> prefixes = new IdentityHashMap<>();

    FamilyLines(Class<?> kind, String help, byte[] header) {
      this.kind = kind;
      this.help = help;
      this.header = header;
    }
  }

  /** The text of {@code snapshots}, as {@link PrometheusText#write} writes it. */
  byte[] render(MetricSnapshots snapshots) {
    length = 0;
    Map<String, FamilyLines> now = new HashMap<>();
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot.getDataPoints().isEmpty()) {
        continue;
      }
      MetricMetadata metadata = snapshot.getMetadata();
      FamilyLines lines = families.get(metadata.getName());
      if (lines == null
          || lines.kind != snapshot.getClass()
          || !lines.help.equals(help(metadata))) {
        lines = new FamilyLines(snapshot.getClass(), help(metadata), header(snapshot));
      }
      now.put(metadata.getName(), lines);
      Map<Labels, byte[]> prefixes = new IdentityHashMap<>();
      append(lines.header);
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        Labels labels = point.getLabels();
        byte[] prefix = lines.prefixes.get(labels);
        if (prefix == null) {
          prefix = prefix(snapshot, labels);
        }
        prefixes.put(labels, prefix);
        append(prefix);
        appendValue(value(point));
        appendByte((byte) '\n');
      }
      lines.prefixes = prefixes;
    }
    families = now;
    return Arrays.copyOf(buffer, length);
  }

  private static String help(MetricMetadata metadata) {
    return metadata.getHelp() == null ? "" : metadata.getHelp();
  }

  private static double value(DataPointSnapshot point) {
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
      return c.getValue();
    }
    if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
      return g.getValue();
    }
    if (point instanceof UnknownSnapshot.UnknownDataPointSnapshot u) {
      return u.getValue();
    }
    throw new IllegalArgumentException("unsupported data point type " + point.getClass().getName());
  }

  /** The HELP and TYPE lines: the reference text of a one-point family, up to its only sample. */
  private byte[] header(MetricSnapshot snapshot) {
    String text = referenceText(snapshot, Labels.EMPTY);
    return text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code name{labels} }: the reference text of the one series, up to its value. */
  private byte[] prefix(MetricSnapshot snapshot, Labels labels) {
    String text = referenceText(snapshot, labels);
    String line = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1);
    return line.substring(0, line.lastIndexOf(' ') + 1).getBytes(StandardCharsets.UTF_8);
  }

  private String referenceText(MetricSnapshot snapshot, Labels labels) {
    MetricMetadata m = snapshot.getMetadata();
    MetricSnapshot one;
    if (snapshot instanceof CounterSnapshot) {
      one =
          CounterSnapshot.builder()
              .name(m.getName())
              .help(m.getHelp())
              .dataPoint(
                  CounterSnapshot.CounterDataPointSnapshot.builder()
                      .labels(labels)
                      .value(0)
                      .build())
              .build();
    } else if (snapshot instanceof GaugeSnapshot) {
      one =
          GaugeSnapshot.builder()
              .name(m.getName())
              .help(m.getHelp())
              .dataPoint(
                  GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(0).build())
              .build();
    } else if (snapshot instanceof UnknownSnapshot) {
      one =
          UnknownSnapshot.builder()
              .name(m.getName())
              .help(m.getHelp())
              .dataPoint(
                  UnknownSnapshot.UnknownDataPointSnapshot.builder()
                      .labels(labels)
                      .value(0)
                      .build())
              .build();
    } else {
      throw new IllegalArgumentException(
          "unsupported family type " + snapshot.getClass().getName() + " for " + m.getName());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      reference.write(out, MetricSnapshots.of(one));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value as the client library's writer prints it. */
  private void appendValue(double v) {
    String s =
        v == Double.POSITIVE_INFINITY
            ? "+Inf"
            : v == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(v);
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buffer[length++] = (byte) s.charAt(i); // ASCII only: digits, sign, '.', 'E', "NaN", "Inf"
    }
  }

  private void append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void appendByte(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
