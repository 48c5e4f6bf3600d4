package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which series of a host describe what: its GPUs (by UUID, with the key of each GPU metric), its
 * CPU time counters and its memory gauges. Built from the store's series list, cached per series
 * table generation.
 */
public record NodeLayout(
    long generation,
    List<SeriesInfo> series,
    List<GpuLayout> gpus,
    List<SeriesKey> cpuSeconds,
    SeriesKey memTotal,
    SeriesKey memAvailable) {

  /** One GPU: identity labels and the key of each of its series by metric name. */
  public record GpuLayout(
      String index,
      String uuid,
      String pciBusId,
      String model,
      Map<String, SeriesKey> byMetric,
      List<SeriesKey> xidCounters) {
    public SeriesKey key(String metric) {
      return byMetric.get(metric);
    }
  }

  public static NodeLayout of(long generation, List<SeriesInfo> series) {
    Map<String, String> index = new HashMap<>();
    Map<String, String> pci = new HashMap<>();
    Map<String, String> model = new HashMap<>();
    Map<String, Map<String, SeriesKey>> byUuid = new LinkedHashMap<>();
    Map<String, List<SeriesKey>> xids = new HashMap<>();
    List<SeriesKey> cpu = new ArrayList<>();
    SeriesKey memTotal = null;
    SeriesKey memAvailable = null;
    for (SeriesInfo s : series) {
      SeriesKey key = s.key();
      Labels labels = key.labels();
      String uuid = labels.get("gpu_uuid");
      if (uuid != null && labels.get("mig_uuid") == null) {
        byUuid.computeIfAbsent(uuid, u -> new HashMap<>()).putIfAbsent(key.metric(), key);
        if (labels.get("gpu") != null) {
          index.putIfAbsent(uuid, labels.get("gpu"));
        }
        if (labels.get("pci_bus_id") != null) {
          pci.putIfAbsent(uuid, labels.get("pci_bus_id"));
        }
        if (labels.get("model") != null) {
          model.putIfAbsent(uuid, labels.get("model"));
        }
        if ("gpu_xid_errors_total".equals(key.metric())) {
          xids.computeIfAbsent(uuid, u -> new ArrayList<>()).add(key);
        }
      } else if ("cpu_seconds_total".equals(key.metric()) && labels.get("mode") != null) {
        cpu.add(key);
      } else if ("memory_MemTotal_bytes".equals(key.metric())) {
        memTotal = key;
      } else if ("memory_MemAvailable_bytes".equals(key.metric())) {
        memAvailable = key;
      }
    }
    List<GpuLayout> gpus = new ArrayList<>();
    byUuid.forEach(
        (uuid, metrics) ->
            gpus.add(
                new GpuLayout(
                    index.getOrDefault(uuid, ""),
                    uuid,
                    pci.getOrDefault(uuid, ""),
                    model.getOrDefault(uuid, ""),
                    Map.copyOf(metrics),
                    List.copyOf(xids.getOrDefault(uuid, List.of())))));
    gpus.sort(
        Comparator.comparingLong((GpuLayout g) -> gpuIndex(g.index()))
            .thenComparing(GpuLayout::uuid));
    return new NodeLayout(
        generation,
        List.copyOf(series),
        List.copyOf(gpus),
        List.copyOf(cpu),
        memTotal,
        memAvailable);
  }

  private static long gpuIndex(String index) {
    try {
      return Long.parseLong(index);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
