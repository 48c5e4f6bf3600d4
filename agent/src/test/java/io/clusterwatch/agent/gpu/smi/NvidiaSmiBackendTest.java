package io.clusterwatch.agent.gpu.smi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.exec.CommandTimeoutException;
import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.GpuReading;
import io.clusterwatch.agent.gpu.SampleLookup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiBackendTest {
  private static final String ROW =
      "0, GPU-a, NVIDIA H100 80GB HBM3, 00000000:1B:00.0, 97, 40, 81559, 60000, 21080, 61, 640.12, "
          + "700.00, 1980, 2619, 0x0000000000000004, 0, 0, Disabled\n";

  /** Answers with queued results and records the commands it was given. */
  static final class CannedRunner implements ProcessRunner {
    final Deque<Object> answers = new ArrayDeque<>();
    final List<List<String>> commands = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
      commands.add(command);
      timeouts.add(timeout);
      Object answer = answers.removeFirst();
      if (answer instanceof IOException e) {
        throw e;
      }
      return (Result) answer;
    }
  }

  private final CannedRunner runner = new CannedRunner();
  private final NvidiaSmiBackend backend =
      new NvidiaSmiBackend("/usr/bin/nvidia-smi", runner, Duration.ofSeconds(2));

  @Test
  void runsTheQueryWithoutHeaderAndUnits() throws Exception {
    runner.answers.add(new ProcessRunner.Result(0, ROW, ""));
    SampleLookup s = new SampleLookup(new GpuCollector(backend).collect());
    assertEquals(
        List.of(
            "/usr/bin/nvidia-smi",
            NvidiaSmiCsvParser.queryArgument(),
            "--format=csv,noheader,nounits"),
        runner.commands.get(0));
    assertEquals(Duration.ofSeconds(2), runner.timeouts.get(0));
    assertEquals(640.12, s.value("gpu_power_watts", "gpu", "0", "gpu_uuid", "GPU-a"), 1e-9);
    assertEquals(0.0, s.value("gpu_stale", "gpu", "0"));
  }

  @Test
  void aTimeoutAfterASuccessfulRunMarksTheKnownGpusStale() throws Exception {
    runner.answers.add(new ProcessRunner.Result(0, ROW, ""));
    runner.answers.add(new CommandTimeoutException("nvidia-smi ran past its 2000 ms limit"));
    backend.read();
    List<GpuReading> readings = backend.read();
    assertEquals(1, readings.size());
    assertTrue(readings.get(0).stale());
    assertEquals("GPU-a", readings.get(0).identity().uuid());
  }

  @Test
  void aTimeoutBeforeAnyRunIsAnError() {
    runner.answers.add(new CommandTimeoutException("nvidia-smi ran past its 2000 ms limit"));
    IOException e = assertThrows(IOException.class, backend::read);
    assertTrue(e.getMessage().contains("did not finish within PT2S"), e.getMessage());
  }

  @Test
  void aNonZeroExitIsAnErrorWithTheFirstOutputLine() {
    runner.answers.add(
        new ProcessRunner.Result(
            9,
            "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\nMore.",
            ""));
    IOException e = assertThrows(IOException.class, backend::read);
    assertEquals(
        "/usr/bin/nvidia-smi exited with status 9: NVIDIA-SMI has failed because it couldn't "
            + "communicate with the NVIDIA driver.",
        e.getMessage());
  }

  @Test
  void garbledOutputIsAnError() {
    runner.answers.add(
        new ProcessRunner.Result(0, "Field \"x\" is not a valid field to query.\n", ""));
    IOException e = assertThrows(IOException.class, backend::read);
    assertTrue(e.getMessage().contains("columns, expected 18"), e.getMessage());
  }

  @Test
  void aNonZeroExitNamesTheFirstErrorLineWhenThereIsOne() {
    runner.answers.add(
        new ProcessRunner.Result(6, "", "No devices were found\nFailed to initialize NVML\n"));
    IOException e = assertThrows(IOException.class, backend::read);
    assertEquals("/usr/bin/nvidia-smi exited with status 6: No devices were found", e.getMessage());
  }

  @Test
  void warningsOnStandardErrorDoNotSpoilTheCsv() throws Exception {
    runner.answers.add(
        new ProcessRunner.Result(0, ROW, "WARNING: infoROM is corrupted at gpu 0000:1B:00.0\n"));
    List<GpuReading> readings = backend.read();
    assertEquals("GPU-a", readings.get(0).identity().uuid());
  }
}
