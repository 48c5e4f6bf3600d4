package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference for {@link TickTextWriter}: one tick as the Prometheus Java client's metric
 * families, under the same names, labels and values ({@link FamilyTarget}, {@link DcgmLabels}),
 * built afresh every tick, for the client's own text writer ({@link PrometheusText}) to write.
 */
final class SnapshotMapper {
  private final String hostname;
  private final Map<String, FamilyTarget> targets = new LinkedHashMap<>();

  SnapshotMapper(String hostname) {
    this.hostname = hostname;
  }

  /**
   * The families of one tick. A metric keeps the target its first sample gave it while it is in
   * every tick, as the agent's writer does.
   */
  MetricSnapshots map(Tick tick) {
    Map<String, GpuIdentity> gpus = GpuIdentity.fromInfoSeries(tick.samples());
    Map<String, FamilyTarget> targetsNow = new LinkedHashMap<>();
    Map<String, Family> families = new LinkedHashMap<>();
    for (Sample s : tick.samples()) {
      FamilyTarget t = targetsNow.get(s.metric());
      if (t == null) {
        t = targets.getOrDefault(s.metric(), FamilyTarget.of(s.metric(), s.type()));
        targetsNow.put(s.metric(), t);
      }
      Labels labels =
          t.dcgm() ? labels(DcgmLabels.of(s.labels(), gpus, hostname)) : labels(s.labels().asMap());
      FamilyTarget target = t;
      families
          .computeIfAbsent(t.family(), n -> new Family(target))
          .add(s.type(), labels, FamilyTarget.baseValue(s, t.factor()));
    }
    targets.clear();
    targets.putAll(targetsNow);
    Family ts = new Family(FamilyTarget.TICK);
    ts.add(Labels.EMPTY, tick.timestampMs() / 1000.0);
    families.putIfAbsent(FamilyTarget.TICK_TIMESTAMP, ts);
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (Family f : families.values()) {
      f.build(out);
    }
    return out.build();
  }

  private static Labels labels(Map<String, String> map) {
    Labels.Builder b = Labels.builder();
    map.forEach(b::label);
    return b.build();
  }

  /** One metric family being filled; the first sample fixes its type. */
  private static final class Family {
    private final FamilyTarget target;
    private final List<Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final Set<Labels> seen = new HashSet<>();
    private MetricType sourceType;

    Family(FamilyTarget target) {
      this.target = target;
    }

    /** Adds a point unless its type disagrees with the family's or its labels repeat. */
    void add(MetricType type, Labels l, double value) {
      if (sourceType == null) {
        sourceType = type;
      } else if (sourceType != type) {
        return;
      }
      add(l, value);
    }

    void add(Labels l, double value) {
      if (seen.add(l)) {
        labels.add(l);
        values.add(value);
      }
    }

    void build(MetricSnapshots.Builder out) {
      String name = target.family();
      String help = target.help();
      switch (target.kind()) {
        case COUNTER -> {
          CounterSnapshot.Builder c = CounterSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            c.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(c.build());
        }
        case GAUGE -> {
          GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            g.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(g.build());
        }
        case UNTYPED -> {
          UnknownSnapshot.Builder u = UnknownSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            u.dataPoint(
                UnknownSnapshot.UnknownDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(u.build());
        }
      }
    }
  }
}
