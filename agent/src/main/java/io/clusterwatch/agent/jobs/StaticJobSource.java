package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;
import io.clusterwatch.protocol.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The jobs declared in {@code jobs.static}, as the hub wants them: GPUs by UUID. A GPU given by
 * PCI bus id is resolved through the latest {@code gpu_info} series; one that cannot be resolved
 * yet is left out until it can.
 */
public final class StaticJobSource
    implements Supplier<List<io.clusterwatch.protocol.message.JobInfo>>, TickListener {
  static final String SOURCE = "static: config jobs.static";

  private final List<StaticJob> jobs;
  private final long startMs;
  private volatile Map<String, String> uuidByPciBusId = Map.of();

  /** @param startMs when the agent started: the jobs' start as far as this agent knows */
  public StaticJobSource(List<StaticJob> jobs, long startMs) {
    this.jobs = List.copyOf(jobs);
    this.startMs = startMs;
  }

  @Override
  public void onTick(Tick tick) {
    Map<String, String> map = new HashMap<>();
    for (Sample s : tick.samples()) {
      if (s.metric().equals("gpu_info")) {
        String pci = s.labels().get("pci_bus_id");
        String uuid = s.labels().get("gpu_uuid");
        if (pci != null && uuid != null) {
          map.put(pci.toLowerCase(java.util.Locale.ROOT), uuid);
        }
      }
    }
    uuidByPciBusId = Map.copyOf(map);
  }

  @Override
  public List<io.clusterwatch.protocol.message.JobInfo> get() {
    Map<String, String> byPci = uuidByPciBusId;
    List<io.clusterwatch.protocol.message.JobInfo> out = new ArrayList<>();
    for (StaticJob j : jobs) {
      List<String> uuids = new ArrayList<>();
      for (String gpu : j.gpus()) {
        if (gpu.startsWith("GPU-") || gpu.startsWith("MIG-")) {
          uuids.add(gpu);
        } else {
          String uuid = byPci.get(gpu.toLowerCase(java.util.Locale.ROOT));
          if (uuid != null) {
            uuids.add(uuid);
          }
        }
      }
      out.add(new io.clusterwatch.protocol.message.JobInfo(
          j.id(), j.user(), j.name(), uuids, startMs, SOURCE, j.attributes()));
    }
    return out;
  }
}
