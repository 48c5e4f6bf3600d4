package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.exposition.ExposedSeries;
import io.clusterwatch.protocol.exposition.ExpositionNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The remote-write names and values of one host's series table, under the names the agent's own
 * {@code /metrics} uses (so dashboards built on node_exporter and dcgm-exporter work unchanged):
 * host groups as {@code node_<metric>} with their labels; GPU series as dcgm-exporter's {@code
 * DCGM_FI_*} in its units, labelled {@code gpu}, {@code UUID}, {@code pci_bus_id}, {@code device}
 * ({@code nvidia<minor>}), {@code modelName} and {@code Hostname} (dcgm-exporter's
 * render_metrics.go); the rest as {@code clusterwatch_<metric>}. Every series carries {@code
 * instance=<host>}, which Prometheus would have added when scraping. Counters are sent raw (times
 * the series' scale, in the base unit), as a scrape would see them. Built once per table.
 */
final class TableNaming {
  private final SeriesTable table;
  private final PromSeries[] series;
  private final double[] factors;
  private final boolean[] counters;

  TableNaming(String host, SeriesTable table) {
    this.table = table;
    int n = table.size();
    series = new PromSeries[n];
    factors = new double[n];
    counters = new boolean[n];
    Map<String, Labels> gpus = gpuInfo(table);
    for (int i = 0; i < n; i++) {
      SeriesDescriptor d = table.get(i);
      counters[i] = d.type() == MetricType.COUNTER;
      double scale = counters[i] ? d.scale() : 1.0;
      Map<String, String> labels = new LinkedHashMap<>(d.labels().asMap());
      ExposedSeries exposed = ExposedSeries.of(d.metric());
      if (exposed.dcgm()) {
        labels = dcgmLabels(host, d.labels(), gpus);
      }
      labels.putIfAbsent(ExposedSeries.INSTANCE, host);
      series[i] = PromSeries.of(exposed.name(), labels);
      factors[i] = scale * exposed.factor();
    }
  }

  SeriesTable table() {
    return table;
  }

  PromSeries series(int position) {
    return series[position];
  }

  /** The value sent for raw frame bits at {@code position}; NaN when a gauge has none. */
  double value(int position, long rawBits) {
    double v =
        counters[position] ? Sample.unsignedToDouble(rawBits) : Double.longBitsToDouble(rawBits);
    return ExpositionNames.scaled(v, factors[position]);
  }

  /** gpu_info labels by GPU UUID and by index, for the dcgm labels of the other GPU series. */
  private static Map<String, Labels> gpuInfo(SeriesTable table) {
    Map<String, Labels> out = new HashMap<>();
    for (SeriesDescriptor d : table.series()) {
      if (d.metric().equals("gpu_info")) {
        if (d.labels().get("gpu_uuid") != null) {
          out.put("uuid:" + d.labels().get("gpu_uuid"), d.labels());
        }
        if (d.labels().get("gpu") != null) {
          out.put("gpu:" + d.labels().get("gpu"), d.labels());
        }
      }
    }
    return out;
  }

  private static Map<String, String> dcgmLabels(
      String host, Labels labels, Map<String, Labels> gpus) {
    String index = labels.get("gpu");
    String uuid = labels.get("gpu_uuid");
    Labels info = uuid != null ? gpus.get("uuid:" + uuid) : null;
    if (info == null && index != null) {
      info = gpus.get("gpu:" + index);
    }
    Map<String, String> out = new LinkedHashMap<>();
    putIfPresent(out, "gpu", index);
    putIfPresent(out, ExposedSeries.UUID, uuid);
    String pci = labels.get("pci_bus_id");
    putIfPresent(
        out, "pci_bus_id", pci != null ? pci : info == null ? null : info.get("pci_bus_id"));
    String minor = info != null && info.get("minor") != null ? info.get("minor") : index;
    putIfPresent(out, "device", minor == null ? null : "nvidia" + minor);
    putIfPresent(out, "modelName", info == null ? null : info.get("model"));
    out.put(ExposedSeries.HOSTNAME, host);
    for (int i = 0; i < labels.size(); i++) {
      String n = labels.name(i);
      if (!n.equals("gpu") && !n.equals("gpu_uuid") && !n.equals("pci_bus_id")) {
        out.putIfAbsent(n, labels.value(i));
      }
    }
    return out;
  }

  private static void putIfPresent(Map<String, String> out, String name, String value) {
    if (value != null) {
      out.put(name, value);
    }
  }
}
