package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.gpu.GpuReading;
import io.clusterwatch.agent.gpu.MigInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The GPU collector's view of this node for job discovery: the GPUs of its last tick, and the
 * processes of its last process listing (which the collector refreshes at most every {@code
 * collectors.gpu.process_interval}, 10 s or more). Never calls the GPU library itself, so discovery
 * on its own thread adds no NVML calls and cannot stall on a hung GPU.
 */
public final class GpuCollectorView implements GpuInventory, GpuProcessSource {
  /** Device minor of a GPU whose backend cannot tell it: matches no Slurm index. */
  static final int UNKNOWN_MINOR = -1;

  /** Null on a node without a GPU collector: no GPUs, no processes. */
  private final GpuCollector collector;

  /** MIG UUIDs of each GPU as last read: a stale tick reports none and must not forget them. */
  private final Map<String, List<String>> migByGpu = new HashMap<>();

  public GpuCollectorView(GpuCollector collector) {
    this.collector = Objects.requireNonNull(collector, "collector");
  }

  private GpuCollectorView() {
    this.collector = null;
  }

  /** The view of a node without a GPU collector (no GPUs, or {@code collectors.gpu} off). */
  public static GpuCollectorView none() {
    return new GpuCollectorView();
  }

  @Override
  public synchronized List<GpuDevice> devices() {
    List<GpuDevice> out = new ArrayList<>();
    if (collector == null) {
      return out;
    }
    for (GpuReading r : collector.lastReadings()) {
      String uuid = r.identity().uuid();
      if (!r.stale()) {
        migByGpu.put(uuid, r.migInstances().stream().map(MigInstance::uuid).toList());
      }
      out.add(
          new GpuDevice(
              r.identity().index(),
              uuid,
              r.identity().pciBusId(),
              r.identity().minor().orElse(UNKNOWN_MINOR),
              migByGpu.getOrDefault(uuid, List.of())));
    }
    return out;
  }

  @Override
  public List<GpuProcess> processes() {
    if (collector == null) {
      return List.of();
    }
    return collector.lastProcesses();
  }
}
