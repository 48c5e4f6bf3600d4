package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.gpu.GpuProcess;
import java.util.List;

/** The processes running on this node's GPUs now. */
@FunctionalInterface
public interface GpuProcessSource {
  List<GpuProcess> processes();
}
