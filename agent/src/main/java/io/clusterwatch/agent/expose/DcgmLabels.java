package io.clusterwatch.agent.expose;

import io.clusterwatch.protocol.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dcgm-exporter's label set (render_metrics.go): {@code gpu}, {@code UUID}, {@code pci_bus_id},
 * {@code device} ({@code nvidia<minor>}), {@code modelName} (from {@code gpu_info}) and {@code
 * Hostname}, plus any finer labels the series has.
 */
final class DcgmLabels {
  private DcgmLabels() {}

  /** The labels of a GPU series, in the order they are added (the writer sorts them by name). */
  static Map<String, String> of(Labels labels, Map<String, GpuIdentity> gpus, String hostname) {
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
    return out;
  }
}
