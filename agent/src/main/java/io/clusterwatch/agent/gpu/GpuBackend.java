package io.clusterwatch.agent.gpu;

import java.io.IOException;
import java.util.List;

/** One way of reading the GPUs of this node: NVML or nvidia-smi. */
public interface GpuBackend extends AutoCloseable {
  /** {@code nvml} or {@code nvidia-smi}, for log lines. */
  String name();

  /**
   * One reading per GPU known to the backend, in index order. A GPU that cannot be read this tick
   * gives a {@link GpuReading#stale(GpuIdentity) stale} reading; the call itself never blocks
   * longer than the configured call timeout.
   *
   * @throws IOException when no GPU could be read at all and none was known before
   */
  List<GpuReading> read() throws IOException;

  /**
   * The compute processes found by the last process listing (at most once per process interval),
   * across all GPUs; empty when the backend cannot list processes.
   */
  List<GpuProcess> lastProcesses();

  @Override
  void close();
}
