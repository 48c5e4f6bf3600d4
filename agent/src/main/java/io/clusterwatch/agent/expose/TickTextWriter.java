package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tick as the Prometheus text format 0.0.4, written straight from the tick into the array that
 * is served. The text is what the Prometheus Java client's {@code PrometheusTextFormatWriter} (1.x)
 * writes for the same families, byte for byte (the tests compare the two):
 *
 * <ul>
 *   <li>families ({@link FamilyTarget}) in order of name, a counter's taken without {@code _total};
 *   <li>per family {@code # HELP name text} when there is a text (backslash and newline escaped),
 *       then {@code # TYPE name counter|gauge|untyped}; a counter's name ends in {@code _total};
 *   <li>its series ordered by label names, then label values ({@link SeriesLabels}); the first of
 *       repeated series wins, and a sample whose type differs from the family's first is dropped;
 *   <li>{@code name{labels} value}, the value as {@code +Inf}, {@code -Inf} or {@link
 *       Double#toString} ({@link ValueDigits}).
 * </ul>
 *
 * <p>Headers, {@code name{labels} } prefixes and the order of families and series are kept from
 * tick to tick while they last; per tick only values that changed are formatted. Only the previous
 * tick's metrics, series and families are kept, so nothing grows past one tick. Not thread-safe:
 * one caller renders at a time.
 */
public final class TickTextWriter {
  private static final String COUNTER_SUFFIX = "_total";
  private static final Comparator<Family> BY_NAME = Comparator.comparing(f -> f.sortName);
  private static final Comparator<Point> BY_LABELS = Comparator.comparing(p -> p.labels);

  private final String hostname;
  private final Map<String, MetricSeries> metrics = new HashMap<>();
  private final Map<String, Family> families = new HashMap<>();
  private final List<Family> ordered = new ArrayList<>();
  private List<Labels> gpuInfo = new ArrayList<>();
  private List<Labels> previousGpuInfo = new ArrayList<>();
  private Map<String, GpuIdentity> gpus = Map.of();
  private long tickNumber;
  private int metricsSeen;
  private int familiesSeen;
  private boolean familiesAdded;

  /**
   * @param hostname the {@code Hostname} label of GPU series; empty for none
   */
  public TickTextWriter(String hostname) {
    this.hostname = Objects.requireNonNull(hostname, "hostname");
  }

  /** One internal metric: its target and its series' labels as exposed, by their own labels. */
  private static final class MetricSeries {
    final FamilyTarget target;
    final Map<Labels, Slot> series = new HashMap<>();
    Family family; // this tick's when family.seen is this tick
    long seen;
    int seriesSeen;

    MetricSeries(FamilyTarget target) {
      this.target = target;
    }
  }

  /** The exposed labels of one series of an internal metric. */
  private static final class Slot {
    final SeriesLabels labels;
    long seen;

    Slot(SeriesLabels labels) {
      this.labels = labels;
    }
  }

  /** One family: its header and its series in text order. */
  private static final class Family {
    final String name;
    final String sortName;
    final FamilyTarget.Kind kind;
    final String help;
    final byte[] header;
    final Map<SeriesLabels, Point> points = new HashMap<>();
    final List<Point> ordered = new ArrayList<>();
    long seen;
    int pointsSeen;
    boolean pointsAdded;
    MetricType sourceType;

    Family(FamilyTarget t) {
      this.kind = t.kind();
      this.help = t.help();
      this.name = writtenName(t);
      // client_java sorts by the name without a counter's suffix
      this.sortName =
          kind == FamilyTarget.Kind.COUNTER
              ? name.substring(0, name.length() - COUNTER_SUFFIX.length())
              : name;
      this.header = header(name, kind, help);
    }
  }

  /** One series in the text: its {@code name{labels} } prefix and this tick's value. */
  private static final class Point {
    final SeriesLabels labels;
    final byte[] prefix;
    final byte[] value = new byte[ValueDigits.MAX_LENGTH];
    int valueLength;
    long valueBits;
    long seen;

    Point(SeriesLabels labels, byte[] prefix) {
      this.labels = labels;
      this.prefix = prefix;
    }
  }

  /**
   * The text of {@code tick}, in a new array of exactly its length: the caller's to keep.
   *
   * @throws NullPointerException if the tick is null
   */
  public byte[] render(Tick tick) {
    long now = ++tickNumber;
    List<Sample> samples = tick.samples();
    refreshGpus(samples);
    metricsSeen = 0;
    familiesSeen = 0;
    familiesAdded = false;
    for (int i = 0; i < samples.size(); i++) {
      add(samples.get(i), now);
    }
    Family stamp = families.get(FamilyTarget.TICK_TIMESTAMP);
    if (stamp == null || stamp.seen != now) {
      // No sample took the name: the tick's own timestamp, as a gauge.
      addPoint(
          family(FamilyTarget.TICK, now), SeriesLabels.EMPTY, tick.timestampMs() / 1000.0, now);
    }
    forgetUnseenMetrics(now);
    orderFamilies(now);
    int size = 0;
    for (int f = 0; f < ordered.size(); f++) {
      Family family = ordered.get(f);
      orderPoints(family, now);
      size += family.header.length;
      for (int p = 0; p < family.ordered.size(); p++) {
        Point point = family.ordered.get(p);
        size += point.prefix.length + point.valueLength + 1;
      }
    }
    // Written straight into the array served, which is the only one made per tick.
    byte[] text = new byte[size];
    int at = 0;
    for (int f = 0; f < ordered.size(); f++) {
      Family family = ordered.get(f);
      at = copy(family.header, family.header.length, text, at);
      for (int p = 0; p < family.ordered.size(); p++) {
        Point point = family.ordered.get(p);
        at = copy(point.prefix, point.prefix.length, text, at);
        at = copy(point.value, point.valueLength, text, at);
        text[at++] = '\n';
      }
    }
    return text;
  }

  private static int copy(byte[] from, int count, byte[] to, int at) {
    System.arraycopy(from, 0, to, at, count);
    return at + count;
  }

  private void add(Sample s, long now) {
    MetricSeries metric = metrics.get(s.metric());
    if (metric == null) {
      metric = new MetricSeries(FamilyTarget.of(s.metric(), s.type()));
      metrics.put(s.metric(), metric);
    }
    if (metric.seen != now) {
      metric.seen = now;
      metric.seriesSeen = 0;
      metricsSeen++;
    }
    FamilyTarget target = metric.target;
    Family family = metric.family;
    if (family == null || family.seen != now) {
      family = family(target, now);
      metric.family = family;
    }
    if (family.sourceType == null) {
      family.sourceType = s.type();
    } else if (family.sourceType != s.type()) {
      return; // a type clash drops the sample rather than the scrape
    }
    Slot slot = metric.series.get(s.labels());
    if (slot == null) {
      slot = new Slot(exposedLabels(target, s.labels()));
      metric.series.put(s.labels(), slot);
    }
    if (slot.seen != now) {
      slot.seen = now;
      metric.seriesSeen++;
    }
    addPoint(family, slot.labels, FamilyTarget.baseValue(s, target.factor()), now);
  }

  private SeriesLabels exposedLabels(FamilyTarget target, Labels labels) {
    return target.dcgm()
        ? SeriesLabels.of(DcgmLabels.of(labels, gpus, hostname))
        : SeriesLabels.of(labels);
  }

  /** The family of {@code target} this tick; the first target to name it this tick decides it. */
  private Family family(FamilyTarget target, long now) {
    Family family = families.get(target.family());
    if (family != null && family.seen == now) {
      return family;
    }
    if (family == null
        || family.kind != target.kind()
        || !Objects.equals(family.help, target.help())) {
      family = new Family(target);
      families.put(target.family(), family);
      familiesAdded = true;
    }
    family.seen = now;
    family.sourceType = null;
    family.pointsSeen = 0;
    family.pointsAdded = false;
    familiesSeen++;
    return family;
  }

  private static void addPoint(Family family, SeriesLabels labels, double value, long now) {
    Point point = family.points.get(labels);
    if (point == null) {
      point = new Point(labels, prefix(family, labels));
      family.points.put(labels, point);
      family.pointsAdded = true;
    }
    if (point.seen == now) {
      return; // a repeated series: the first one stays
    }
    point.seen = now;
    family.pointsSeen++;
    long bits = Double.doubleToRawLongBits(value);
    if (point.valueLength == 0 || bits != point.valueBits) {
      point.valueBits = bits;
      point.valueLength = ValueDigits.write(value, point.value);
    }
  }

  /**
   * Every GPU series' labels depend on this tick's {@code gpu_info} series; when those change, all
   * exposed labels are made again.
   */
  private void refreshGpus(List<Sample> samples) {
    gpuInfo.clear();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.metric().equals(GpuIdentity.INFO_METRIC)) {
        gpuInfo.add(s.labels());
      }
    }
    if (!gpuInfo.equals(previousGpuInfo)) {
      gpus = GpuIdentity.fromInfoSeries(samples);
      for (MetricSeries metric : metrics.values()) {
        metric.series.clear();
      }
      for (Family family : families.values()) {
        family.points.clear();
        family.ordered.clear();
      }
    }
    List<Labels> swap = previousGpuInfo;
    previousGpuInfo = gpuInfo;
    gpuInfo = swap;
  }

  private void forgetUnseenMetrics(long now) {
    if (metricsSeen != metrics.size()) {
      metrics.values().removeIf(m -> m.seen != now);
    }
    for (MetricSeries metric : metrics.values()) {
      if (metric.seriesSeen != metric.series.size()) {
        metric.series.values().removeIf(s -> s.seen != now);
      }
    }
  }

  /** Families in text order; only when the set of families changed is it sorted again. */
  private void orderFamilies(long now) {
    if (!familiesAdded && familiesSeen == ordered.size()) {
      return; // the same families as the previous tick
    }
    families.values().removeIf(f -> f.seen != now);
    ordered.clear();
    ordered.addAll(families.values());
    ordered.sort(BY_NAME);
  }

  private static void orderPoints(Family family, long now) {
    if (!family.pointsAdded && family.pointsSeen == family.ordered.size()) {
      return; // the same series as the previous tick
    }
    family.points.values().removeIf(p -> p.seen != now);
    family.ordered.clear();
    family.ordered.addAll(family.points.values());
    family.ordered.sort(BY_LABELS);
  }

  /** The name in the text: a counter's ends in {@code _total}. */
  private static String writtenName(FamilyTarget t) {
    String name = t.family();
    return t.kind() == FamilyTarget.Kind.COUNTER && !name.endsWith(COUNTER_SUFFIX)
        ? name + COUNTER_SUFFIX
        : name;
  }

  static byte[] header(String name, FamilyTarget.Kind kind, String help) {
    StringBuilder b = new StringBuilder(64 + (help == null ? 0 : help.length()));
    if (help != null && !help.isEmpty()) {
      b.append("# HELP ").append(name).append(' ');
      for (int i = 0; i < help.length(); i++) {
        char c = help.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          default -> b.append(c);
        }
      }
      b.append('\n');
    }
    b.append("# TYPE ").append(name).append(' ').append(kind.typeName).append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] prefix(Family family, SeriesLabels labels) {
    byte[] name = family.name.getBytes(StandardCharsets.UTF_8);
    byte[] text = labels.text();
    byte[] prefix = Arrays.copyOf(name, name.length + text.length + 1);
    System.arraycopy(text, 0, prefix, name.length, text.length);
    prefix[prefix.length - 1] = ' ';
    return prefix;
  }
}
