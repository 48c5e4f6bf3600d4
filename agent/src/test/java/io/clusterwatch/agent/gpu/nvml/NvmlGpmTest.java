package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.MutableClock;
import io.clusterwatch.agent.gpu.SampleLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiling metrics through NVML GPM against the fake library, which answers percentages and MiB/s
 * as NVML does (GPU i: SM activity 40+i %, tensor 30+i %, PCIe TX 1000+i MiB/s, ...).
 */
class NvmlGpmTest {
  static final double MIB = 1048576.0;
  static final List<String> PROFILE_METRICS =
      List.of(
          "gpu_graphics_engine_active_ratio",
          "gpu_sm_active_ratio",
          "gpu_sm_occupancy_ratio",
          "gpu_tensor_active_ratio",
          "gpu_fp64_active_ratio",
          "gpu_fp32_active_ratio",
          "gpu_fp16_active_ratio",
          "gpu_dram_active_ratio",
          "gpu_pcie_transmit_bytes_per_second",
          "gpu_pcie_receive_bytes_per_second",
          "gpu_nvlink_transmit_bytes_per_second",
          "gpu_nvlink_receive_bytes_per_second");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private FakeNvml fake;
  private GpuCollector collector;

  @AfterEach
  void close() {
    if (collector != null) {
      collector.close();
    }
  }

  private GpuCollector open(FakeNvml.Variant variant, String scenario) throws Exception {
    fake = FakeNvml.install(dir, variant, scenario);
    NvmlGpuBackend backend =
        NvmlGpuBackend.open(
            fake.load(),
            new NvmlWatchdog(Duration.ofSeconds(5)),
            clock,
            Duration.ofSeconds(10),
            NvmlGpuBackendTest.LOG,
            (gpu, xid) -> {});
    collector = new GpuCollector(backend);
    return collector;
  }

  @Test
  void firstTickHasOneSampleOnlySecondTickHasValuesInBaseUnits() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=4");
    SampleLookup first = new SampleLookup(collector.collect());
    for (String metric : PROFILE_METRICS) {
      assertEquals(0, first.count(metric), metric + " needs two samples");
    }
    assertTrue(first.has("gpu_utilization_ratio", "gpu", "3"), "the rest of the tick is there");

    SampleLookup second = new SampleLookup(collector.collect());
    for (String metric : PROFILE_METRICS) {
      assertEquals(4, second.count(metric), metric);
    }
    // fake GPU 3: percentages 0..100 become ratios 0..1
    assertEquals(0.73, second.value("gpu_graphics_engine_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.43, second.value("gpu_sm_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.28, second.value("gpu_sm_occupancy_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.33, second.value("gpu_tensor_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.53, second.value("gpu_dram_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.04, second.value("gpu_fp64_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.13, second.value("gpu_fp32_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(0.08, second.value("gpu_fp16_active_ratio", "gpu", "3"), 1e-12);
    // MiB/s become bytes/s
    assertEquals(1003 * MIB, second.value("gpu_pcie_transmit_bytes_per_second", "gpu", "3"), 1e-3);
    assertEquals(2003 * MIB, second.value("gpu_pcie_receive_bytes_per_second", "gpu", "3"), 1e-3);
    assertEquals(
        30003 * MIB, second.value("gpu_nvlink_receive_bytes_per_second", "gpu", "3"), 1e-3);
    assertEquals(
        40003 * MIB, second.value("gpu_nvlink_transmit_bytes_per_second", "gpu", "3"), 1e-3);

    // every later tick computes against the tick before: one new sample per GPU and tick
    long samplesAfterTwo = fake.calls(3, "gpm");
    SampleLookup third = new SampleLookup(collector.collect());
    assertEquals(0.43, third.value("gpu_sm_active_ratio", "gpu", "3"), 1e-12);
    assertEquals(samplesAfterTwo + 1, fake.calls(3, "gpm"));
  }

  @Test
  void aGpuWithoutGpmHasNoProfilingMetricsNotZeros() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=4;no_gpm=1,2");
    collector.collect();
    SampleLookup s = new SampleLookup(collector.collect());
    for (String metric : PROFILE_METRICS) {
      assertFalse(s.has(metric, "gpu", "1"), metric + " on GPU 1");
      assertFalse(s.has(metric, "gpu", "2"), metric + " on GPU 2");
      assertTrue(s.has(metric, "gpu", "0"), metric + " on GPU 0");
      assertTrue(s.has(metric, "gpu", "3"), metric + " on GPU 3");
    }
    collector.collect();
    // support is asked once; an unsupported GPU is not sampled
    assertEquals(1, fake.calls(1, "gpm"));
  }

  @Test
  void unsupportedEverywhereGivesNoProfilingFamilies() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=2;unsupported=gpm");
    collector.collect();
    SampleLookup s = new SampleLookup(collector.collect());
    for (String metric : PROFILE_METRICS) {
      assertEquals(0, s.count(metric), metric);
    }
    assertTrue(s.has("gpu_utilization_ratio", "gpu", "1"));
  }

  @Test
  void aDriverWithoutGpmSymbolsReadsEverythingElse() throws Exception {
    open(FakeNvml.Variant.NO_MEMINFO_V2, "vary=0;gpus=2");
    assertFalse(fake.load().has("nvmlGpmSampleGet"), "the old driver's library lacks GPM");
    collector.collect();
    SampleLookup s = new SampleLookup(collector.collect());
    for (String metric : PROFILE_METRICS) {
      assertEquals(0, s.count(metric), metric);
    }
    assertEquals(0.81, s.value("gpu_utilization_ratio", "gpu", "1"), 1e-12);
    assertEquals(0.0, s.value("gpu_stale", "gpu", "1"));
  }

  @Test
  void migInstancesHaveTheirOwnProfilingMetrics() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=2;mig=0");
    SampleLookup first = new SampleLookup(collector.collect());
    assertFalse(
        first.has("gpu_sm_active_ratio", "mig_uuid", "MIG-7e1c5d20-0000-5a6b-9c0d-000000000000"));
    SampleLookup s = new SampleLookup(collector.collect());
    // slots 0, 2, 3 hold GPU instances 2, 3, 9 (the fake's H100 MIG layout): SM 40 + 0 + gi %
    String[] mig0 = {"gpu", "0", "mig_uuid", "MIG-7e1c5d20-0000-5a6b-9c0d-000000000000"};
    String[] mig3 = {"gpu", "0", "mig_uuid", "MIG-7e1c5d20-0000-5a6b-9c0d-000000000003"};
    assertEquals(0.42, s.value("gpu_sm_active_ratio", mig0), 1e-12);
    assertEquals(0.49, s.value("gpu_sm_active_ratio", mig3), 1e-12);
    assertEquals(0.39, s.value("gpu_tensor_active_ratio", mig3), 1e-12);
    assertEquals(1009 * MIB, s.value("gpu_pcie_transmit_bytes_per_second", mig3), 1e-3);
    long migSeries = s.count("gpu_sm_active_ratio");
    assertEquals(3 + 2, migSeries, "three MIG instances and the two whole GPUs");
  }

  @Test
  void theSamplesAreFreedBeforeShutdown() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=2;mig=1");
    collector.collect();
    collector.collect();
    // two buffers per whole GPU (2) and per MIG instance of GPU 1 (3)
    assertEquals(10, fake.control.fake_nvml_gpm_samples_live().longValue());
    collector.close();
    collector = null;
    assertEquals(0, fake.control.fake_nvml_gpm_samples_live().longValue());
  }
}
