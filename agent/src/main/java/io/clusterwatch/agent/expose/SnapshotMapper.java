package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.exposition.DcgmFamilies;
import io.clusterwatch.protocol.exposition.DcgmFamily;
import io.clusterwatch.protocol.exposition.ExpositionNames;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one tick into Prometheus metric families under the names users already scrape:
 *
 * <ul>
 *   <li>host series ({@code cpu_}, {@code memory_}, {@code disk_}, {@code network_}, {@code
 *       infiniband_}, {@code pressure_}) as {@code node_<name>} with node_exporter's labels, types
 *       and HELP; counters as raw times scale, i.e. in the base unit;
 *   <li>GPU series dcgm-exporter has as its {@code DCGM_FI_*} names and units, with labels {@code
 *       gpu}, {@code UUID}, {@code pci_bus_id}, {@code device} ({@code nvidia<minor>}), {@code
 *       modelName} (from {@code gpu_info}) and {@code Hostname};
 *   <li>everything else (XID counts per code, collector health, staleness, shipper counters) as
 *       {@code clusterwatch_<name>} with its own labels.
 * </ul>
 *
 * <p>dcgm-exporter declares some families counters whose names lack {@code _total}; the Prometheus
 * text format cannot carry a counter without that suffix, so those keep their exact name and are
 * written untyped (Prometheus stores untyped samples like gauges; {@code rate()} works on them).
 */
public final class SnapshotMapper {
  static final String HOST_PREFIX = ExpositionNames.NODE_PREFIX;
  static final String OWN_PREFIX = ExpositionNames.OWN_PREFIX;
  static final String TICK_TIMESTAMP = "clusterwatch_agent_tick_timestamp_seconds";

  private final String hostname;
  private Map<String, Target> targets = new HashMap<>();
  private Map<SeriesKey, io.prometheus.metrics.model.snapshots.Labels> labelCache = new HashMap<>();
  private Map<String, GpuIdentity> lastGpus = Map.of();

  public SnapshotMapper(String hostname) {
    this.hostname = hostname;
  }

  /**
   * The families of one tick. Names and labels of the previous tick's series are reused (they
   * rarely change), which keeps a scrape of a thousand series cheap; only this tick's series are
   * kept, so the reuse never grows past one tick.
   */
  public synchronized MetricSnapshots map(Tick tick) {
    Map<String, GpuIdentity> gpus = GpuIdentity.fromInfoSeries(tick.samples());
    if (!gpus.equals(lastGpus)) {
      labelCache = new HashMap<>();
      lastGpus = gpus;
    }
    Map<SeriesKey, io.prometheus.metrics.model.snapshots.Labels> labelsNow = new HashMap<>();
    Map<String, Target> targetsNow = new HashMap<>();
    Map<String, Family> families = new LinkedHashMap<>();
    for (Sample s : tick.samples()) {
      Target t = targetsNow.get(s.metric());
      if (t == null) {
        t = targets.get(s.metric());
        if (t == null) {
          t = target(s.metric(), s.type());
        }
        targetsNow.put(s.metric(), t);
      }
      SeriesKey key = s.key();
      io.prometheus.metrics.model.snapshots.Labels labels = labelCache.get(key);
      if (labels == null) {
        labels = t.dcgm() ? dcgmLabels(s.labels(), gpus) : prometheusLabels(s.labels());
      }
      labelsNow.put(key, labels);
      Target target = t;
      families
          .computeIfAbsent(t.family(), n -> new Family(n, target.kind(), target.help()))
          .add(s.type(), labels, baseValue(s, t.factor()));
    }
    targets = targetsNow;
    labelCache = labelsNow;
    Family ts =
        new Family(
            TICK_TIMESTAMP,
            Family.Kind.GAUGE,
            "When the agent's latest collection ran, in seconds since the Unix epoch; "
                + "time() minus this is the age of every value here.");
    ts.add(io.prometheus.metrics.model.snapshots.Labels.EMPTY, tick.timestampMs() / 1000.0);
    families.putIfAbsent(TICK_TIMESTAMP, ts);
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (Family f : families.values()) {
      f.build(out);
    }
    return out.build();
  }

  /** Where the series of one internal metric go; the first sample's type decides. */
  private record Target(
      String family, Family.Kind kind, String help, double factor, boolean dcgm) {}

  private static Target target(String metric, MetricType type) {
    Family.Kind kind = type == MetricType.COUNTER ? Family.Kind.COUNTER : Family.Kind.GAUGE;
    if (isHost(metric)) {
      return new Target(HOST_PREFIX + metric, kind, NodeExporterHelp.help(metric), 1, false);
    }
    DcgmFamily dcgm = DcgmFamilies.of(metric);
    if (dcgm != null) {
      return new Target(
          dcgm.name(),
          dcgm.counter() ? Family.Kind.UNTYPED : Family.Kind.GAUGE,
          dcgm.help(),
          dcgm.factor(),
          true);
    }
    return new Target(OWN_PREFIX + metric, kind, OwnHelp.help(metric), 1, false);
  }

  static boolean isHost(String metric) {
    return ExpositionNames.isNodeExporter(metric);
  }

  /** The value in the base unit times {@code factor}; counters are raw times scale. */
  static double baseValue(Sample s, double factor) {
    if (s.type() == MetricType.GAUGE) {
      return ExpositionNames.scaled(s.gaugeValue(), factor);
    }
    return ExpositionNames.scaled(Sample.unsignedToDouble(s.counterValue()), s.scale() * factor);
  }

  static io.prometheus.metrics.model.snapshots.Labels prometheusLabels(Labels labels) {
    if (labels.isEmpty()) {
      return io.prometheus.metrics.model.snapshots.Labels.EMPTY;
    }
    io.prometheus.metrics.model.snapshots.Labels.Builder b =
        io.prometheus.metrics.model.snapshots.Labels.builder();
    for (int i = 0; i < labels.size(); i++) {
      b.label(labels.name(i), labels.value(i));
    }
    return b.build();
  }

  /** dcgm-exporter's label set (render_metrics.go), plus any finer labels the series has. */
  private io.prometheus.metrics.model.snapshots.Labels dcgmLabels(
      Labels labels, Map<String, GpuIdentity> gpus) {
    Map<String, String> out = new LinkedHashMap<>();
    String index = labels.get("gpu");
    String uuid = labels.get("gpu_uuid");
    GpuIdentity id = GpuIdentity.find(gpus, uuid, index);
    if (index != null) {
      out.put("gpu", index);
    }
    if (uuid != null) {
      out.put("UUID", uuid);
    }
    String pci = labels.get("pci_bus_id");
    if (pci == null && id != null) {
      pci = id.pciBusId();
    }
    if (pci != null) {
      out.put("pci_bus_id", pci);
    }
    String minor = id != null && id.minor() != null ? id.minor() : index;
    if (minor != null) {
      out.put("device", "nvidia" + minor);
    }
    if (id != null && id.model() != null) {
      out.put("modelName", id.model());
    }
    if (!hostname.isEmpty()) {
      out.put("Hostname", hostname);
    }
    for (int i = 0; i < labels.size(); i++) {
      String n = labels.name(i);
      if (!n.equals("gpu") && !n.equals("gpu_uuid") && !n.equals("pci_bus_id")) {
        out.putIfAbsent(n, labels.value(i));
      }
    }
    io.prometheus.metrics.model.snapshots.Labels.Builder b =
        io.prometheus.metrics.model.snapshots.Labels.builder();
    out.forEach(b::label);
    return b.build();
  }

  /** One metric family being filled; the first sample fixes its type. */
  static final class Family {
    enum Kind {
      COUNTER,
      GAUGE,
      UNTYPED
    }

    private final String name;
    private final Kind kind;
    private final String help;
    private final List<io.prometheus.metrics.model.snapshots.Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final Set<io.prometheus.metrics.model.snapshots.Labels> seen = new HashSet<>();
    private MetricType sourceType;

    Family(String name, Kind kind, String help) {
      this.name = name;
      this.kind = kind;
      this.help = help;
    }

    /** Adds a point unless its type disagrees with the family's or its labels repeat. */
    void add(MetricType type, io.prometheus.metrics.model.snapshots.Labels l, double value) {
      if (sourceType == null) {
        sourceType = type;
      } else if (sourceType != type) {
        return;
      }
      add(l, value);
    }

    void add(io.prometheus.metrics.model.snapshots.Labels l, double value) {
      if (seen.add(l)) {
        labels.add(l);
        values.add(value);
      }
    }

    void build(MetricSnapshots.Builder out) {
      switch (kind) {
        case COUNTER:
          CounterSnapshot.Builder c = CounterSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            c.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(c.build());
          break;
        case GAUGE:
          GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            g.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(g.build());
          break;
        default:
          UnknownSnapshot.Builder u = UnknownSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            u.dataPoint(
                UnknownSnapshot.UnknownDataPointSnapshot.builder()
                    .labels(labels.get(i))
                    .value(values.get(i))
                    .build());
          }
          out.metricSnapshot(u.build());
          break;
      }
    }
  }

  /** What {@code gpu_info} says about one GPU. */
  record GpuIdentity(String index, String uuid, String pciBusId, String model, String minor) {
    static Map<String, GpuIdentity> fromInfoSeries(List<Sample> samples) {
      Map<String, GpuIdentity> out = new HashMap<>();
      for (Sample s : samples) {
        if (s.metric().equals("gpu_info")) {
          Labels l = s.labels();
          GpuIdentity id =
              new GpuIdentity(
                  l.get("gpu"),
                  l.get("gpu_uuid"),
                  l.get("pci_bus_id"),
                  l.get("model"),
                  l.get("minor"));
          if (id.uuid() != null) {
            out.put("uuid:" + id.uuid(), id);
          }
          if (id.index() != null) {
            out.put("gpu:" + id.index(), id);
          }
        }
      }
      return out;
    }

    static GpuIdentity find(Map<String, GpuIdentity> gpus, String uuid, String index) {
      GpuIdentity id = uuid != null ? gpus.get("uuid:" + uuid) : null;
      if (id == null && index != null) {
        id = gpus.get("gpu:" + index);
      }
      return id;
    }
  }
}
