package io.clusterwatch.agent.gpu.nvml;

import io.clusterwatch.agent.gpu.GpuCollector;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Load generator for the cost of one GPU collection through NVML: runs the collector back to back
 * against a library (the fake 8-GPU node by default) and prints CPU time, wall time and heap
 * allocation per collection. Not a test; see docs/benchmarks/agent-gpu.md for how it is run.
 *
 * <p>Arguments: [library path] [collections] [warm-up collections].
 */
public final class NvmlReadCost {
  private NvmlReadCost() {}

  public static void main(String[] args) throws Exception {
    Path library = Path.of(args.length > 0 ? args[0] : "target/fake-nvml/libnvidia-ml.so");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Nvml nvml = new NvmlLoader().load(library);
    NvmlGpuBackend backend =
        NvmlGpuBackend.open(
            nvml,
            new NvmlWatchdog(Duration.ofSeconds(2)),
            Clock.systemUTC(),
            Duration.ofSeconds(10),
            System.getLogger(NvmlReadCost.class.getName()),
            (gpu, xid) -> {});
    try (GpuCollector collector = new GpuCollector(backend)) {
      int samples = 0;
      for (int i = 0; i < warmup; i++) {
        samples = collector.collect().size();
      }
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long allocatedBefore = allocated(threads);
      long cpuBefore = os.getProcessCpuTime();
      long wallBefore = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        collector.collect();
      }
      long wall = System.nanoTime() - wallBefore;
      long cpu = os.getProcessCpuTime() - cpuBefore;
      long allocatedBytes = allocated(threads) - allocatedBefore;
      System.out.printf(
          "library %s, %d GPUs, %d samples per collection, %d collections%n"
              + "  wall %.1f us, process CPU %.1f us, heap allocated %.1f KiB per collection%n"
              + "  at 1 Hz: %.4f %% of one core%n",
          nvml.location(),
          backend.gpus().size(),
          samples,
          runs,
          wall / 1e3 / runs,
          cpu / 1e3 / runs,
          allocatedBytes / 1024.0 / runs,
          cpu / 1e9 / runs * 100);
    }
  }

  private static long allocated(com.sun.management.ThreadMXBean threads) {
    long[] ids = threads.getAllThreadIds();
    return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
  }
}
