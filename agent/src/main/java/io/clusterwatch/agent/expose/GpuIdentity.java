package io.clusterwatch.agent.expose;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What {@code gpu_info} says about one GPU. */
record GpuIdentity(String index, String uuid, String pciBusId, String model, String minor) {
  static final String INFO_METRIC = "gpu_info";

  /** The GPUs of one tick's {@code gpu_info} series, by {@code uuid:<UUID>} and {@code gpu:<i>}. */
  static Map<String, GpuIdentity> fromInfoSeries(List<Sample> samples) {
    Map<String, GpuIdentity> out = new HashMap<>();
    for (Sample s : samples) {
      if (s.metric().equals(INFO_METRIC)) {
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
