package io.clusterwatch.agent.jobs;

import java.util.List;

/** The GPUs of this node (backed by the GPU collector's NVML view). */
@FunctionalInterface
public interface GpuInventory {
  List<GpuDevice> devices();
}
