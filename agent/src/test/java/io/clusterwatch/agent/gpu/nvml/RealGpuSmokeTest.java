package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.clusterwatch.agent.exec.SystemProcessRunner;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuReading;
import io.clusterwatch.agent.gpu.smi.NvidiaSmiBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a machine with an NVIDIA driver: the agent's NVML readings against {@code nvidia-smi
 * --query-gpu} on the same GPUs. Skipped where libnvidia-ml.so.1 does not load.
 */
@Tag("gpu")
class RealGpuSmokeTest {
  @Test
  void nvmlAgreesWithNvidiaSmi() throws Exception {
    Nvml nvml;
    try {
      nvml = new NvmlLoader().load(null);
    } catch (NvmlUnavailableException e) {
      Assumptions.abort("no NVIDIA driver library on this machine: " + e.getMessage());
      return;
    }
    NvmlGpuBackend backend;
    try {
      backend =
          NvmlGpuBackend.open(
              nvml,
              new NvmlWatchdog(Duration.ofSeconds(5)),
              Clock.systemUTC(),
              Duration.ofSeconds(10),
              System.getLogger(RealGpuSmokeTest.class.getName()),
              (gpu, xid) -> {});
    } catch (NvmlUnavailableException e) {
      Assumptions.abort("NVML does not initialise here: " + e.getMessage());
      return;
    }
    try {
      List<GpuReading> fromNvml = backend.read();
      List<GpuReading> fromSmi =
          new NvidiaSmiBackend("nvidia-smi", new SystemProcessRunner(), Duration.ofSeconds(30))
              .read();
      Map<String, GpuReading> smiByUuid =
          fromSmi.stream().collect(Collectors.toMap(r -> r.identity().uuid(), Function.identity()));
      assertEquals(fromSmi.size(), fromNvml.size(), "GPU count");
      for (GpuReading nvmlReading : fromNvml) {
        assertFalse(nvmlReading.stale(), "GPU " + nvmlReading.identity());
        GpuReading smi = smiByUuid.get(nvmlReading.identity().uuid());
        assertNotNull(smi, "nvidia-smi lists " + nvmlReading.identity().uuid());
        assertEquals(smi.identity().pciBusId(), nvmlReading.identity().pciBusId());
        assertEquals(smi.identity().model(), nvmlReading.identity().model());
        // fixed values agree exactly (smi prints MiB and W with two decimals)
        assertClose(smi, nvmlReading, GpuGauge.MEMORY_TOTAL, 1024 * 1024);
        assertClose(smi, nvmlReading, GpuGauge.POWER_LIMIT, 0.01);
        assertClose(smi, nvmlReading, GpuGauge.MIG_MODE, 0);
        // values that move between the two reads agree loosely
        assertClose(smi, nvmlReading, GpuGauge.TEMPERATURE, 3);
        assertClose(smi, nvmlReading, GpuGauge.POWER, 50);
        assertClose(smi, nvmlReading, GpuGauge.MEMORY_USED, 512 * 1024 * 1024);
        System.out.println(
            "GPU "
                + nvmlReading.identity()
                + "\n  NVML: "
                + nvmlReading.gauges()
                + "\n  smi:  "
                + smi.gauges());
      }
    } finally {
      backend.close();
    }
  }

  private static void assertClose(
      GpuReading smi, GpuReading nvml, GpuGauge gauge, double tolerance) {
    Double expected = smi.gauges().get(gauge);
    Double actual = nvml.gauges().get(gauge);
    assertEquals(expected == null, actual == null, gauge + " present in both or neither");
    if (expected != null) {
      assertEquals(expected, actual, tolerance, gauge.name());
    }
  }
}
