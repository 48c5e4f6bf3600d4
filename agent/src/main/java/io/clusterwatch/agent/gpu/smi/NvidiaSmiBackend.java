package io.clusterwatch.agent.gpu.smi;

import io.clusterwatch.agent.exec.CommandTimeoutException;
import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.gpu.GpuBackend;
import io.clusterwatch.agent.gpu.GpuIdentity;
import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.gpu.GpuReading;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the GPUs by running {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits} once
 * per tick. Used when NVML cannot be loaded but nvidia-smi runs, or when configured. It cannot see
 * energy, PCIe replays, XIDs, MIG instances, processes or minor numbers; those series are absent. A
 * run that times out marks every GPU seen before stale; a failed run is an error.
 */
public final class NvidiaSmiBackend implements GpuBackend {
  private final List<String> command;
  private final ProcessRunner runner;
  private final Duration timeout;
  private List<GpuIdentity> known = List.of();

  /**
   * @param executable the nvidia-smi path or name (searched on PATH)
   * @param timeout how long one run may take
   */
  public NvidiaSmiBackend(String executable, ProcessRunner runner, Duration timeout) {
    Objects.requireNonNull(executable, "executable");
    this.command =
        List.of(executable, NvidiaSmiCsvParser.queryArgument(), "--format=csv,noheader,nounits");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The command line it runs. */
  public List<String> command() {
    return command;
  }

  @Override
  public String name() {
    return "nvidia-smi";
  }

  @Override
  public synchronized List<GpuReading> read() throws IOException {
    ProcessRunner.Result result;
    try {
      result = runner.run(command, timeout);
    } catch (CommandTimeoutException e) {
      if (known.isEmpty()) {
        throw new IOException(command.get(0) + " did not finish within " + timeout, e);
      }
      List<GpuReading> stale = new ArrayList<>(known.size());
      known.forEach(gpu -> stale.add(GpuReading.stale(gpu)));
      return stale;
    }
    if (result.exitCode() != 0) {
      String why = result.stderr().isBlank() ? result.stdout() : result.stderr();
      throw new IOException(
          command.get(0) + " exited with status " + result.exitCode() + ": " + firstLine(why));
    }
    List<GpuReading> readings;
    try {
      readings = NvidiaSmiCsvParser.parse(result.stdout());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    known = readings.stream().map(GpuReading::identity).toList();
    return readings;
  }

  private static String firstLine(String output) {
    String trimmed = output.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }

  /** nvidia-smi's process listing is not used: always empty. */
  @Override
  public List<GpuProcess> lastProcesses() {
    return List.of();
  }

  @Override
  public void close() {}
}
