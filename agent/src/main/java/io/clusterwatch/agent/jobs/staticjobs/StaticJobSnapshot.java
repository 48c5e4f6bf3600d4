package io.clusterwatch.agent.jobs.staticjobs;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;
import io.clusterwatch.agent.jobs.StaticJob;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The jobs declared in {@code jobs.static}, as the hub wants them, on a node where job discovery
 * does not run (no Slurm, no Kubernetes; with discovery, {@link StaticJobMerge} reports them): GPUs
 * by UUID. A GPU given by PCI bus id is resolved through the latest {@code gpu_info} series; one
 * that cannot be resolved yet is left out until it can.
 */
public final class StaticJobSnapshot implements Supplier<List<JobInfo>>, TickListener {
  static final String SOURCE = "static: config jobs.static";

  private final List<StaticJob> jobs;
  private final long startMs;
  private volatile Map<String, String> uuidByPciBusId = Map.of();

  /**
   * @param startMs when the agent started: the jobs' start as far as this agent knows
   */
  public StaticJobSnapshot(List<StaticJob> jobs, long startMs) {
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
  public List<JobInfo> get() {
    Map<String, String> byPci = uuidByPciBusId;
    List<JobInfo> out = new ArrayList<>();
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
      out.add(new JobInfo(j.id(), j.user(), j.name(), uuids, startMs, SOURCE, j.attributes()));
    }
    return out;
  }
}
