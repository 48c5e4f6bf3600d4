package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.MutableClock;
import io.clusterwatch.agent.gpu.SampleLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsupported fields, lost GPUs and hung calls, against the fake libnvidia-ml.so. */
class NvmlFailureTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private FakeNvml fake;
  private NvmlGpuBackend backend;
  private GpuCollector collector;

  @AfterEach
  void close() {
    if (fake != null) {
      fake.control.fake_nvml_release_hang();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private GpuCollector open(String scenario, Duration timeout) throws Exception {
    fake = FakeNvml.install(dir, FakeNvml.Variant.DEFAULT, scenario);
    backend =
        NvmlGpuBackend.open(
            fake.load(),
            new NvmlWatchdog(timeout),
            clock,
            Duration.ofSeconds(10),
            NvmlGpuBackendTest.LOG,
            (gpu, xid) -> {});
    collector = new GpuCollector(backend);
    return collector;
  }

  @Test
  void unsupportedFieldsAreAbsentNotZero() throws Exception {
    open("vary=0;unsupported=power,ecc,energy,temperature,mig", Duration.ofSeconds(5));
    SampleLookup s = new SampleLookup(collector.collect());
    for (String absent :
        new String[] {
          "gpu_power_watts", "gpu_ecc_corrected_errors_total", "gpu_ecc_uncorrected_errors_total",
          "gpu_energy_joules_total", "gpu_temperature_celsius", "gpu_mig_mode"
        }) {
      assertEquals(0, s.count(absent), absent);
    }
    assertEquals(700.0, s.value("gpu_power_limit_watts", "gpu", "3"), 1e-9);
    assertEquals(12.0, s.value("gpu_pcie_replay_total", "gpu", "3"));
    assertEquals(0.0, s.value("gpu_stale", "gpu", "3"));
  }

  @Test
  void withoutFieldValuesTheCountersComeFromTheirOwnCalls() throws Exception {
    open("vary=0;unsupported=fields", Duration.ofSeconds(5));
    for (int tick = 0; tick < 2; tick++) {
      SampleLookup s = new SampleLookup(collector.collect());
      assertEquals(1_003_000.0, s.value("gpu_energy_joules_total", "gpu", "3"), 1e-6);
      assertEquals(3.0, s.value("gpu_ecc_corrected_errors_total", "gpu", "3"));
      assertEquals(0.0, s.value("gpu_ecc_uncorrected_errors_total", "gpu", "3"));
      assertEquals(12.0, s.value("gpu_pcie_replay_total", "gpu", "3"));
    }
    assertEquals(1, fake.calls(3, "fields"), "not asked again once NOT_SUPPORTED");
    assertEquals(2, fake.calls(3, "energy"));
  }

  @Test
  void aFieldThatFailsInsideFieldValuesComesFromItsOwnCall() throws Exception {
    // the call succeeds, but energy and ECC report NVML_ERROR_UNKNOWN in their nvmlFieldValue_t
    open("vary=0;field_errors=energy,ecc", Duration.ofSeconds(5));
    SampleLookup s = new SampleLookup(collector.collect());
    assertEquals(1_003_000.0, s.value("gpu_energy_joules_total", "gpu", "3"), 1e-6);
    assertEquals(3.0, s.value("gpu_ecc_corrected_errors_total", "gpu", "3"));
    assertEquals(0.0, s.value("gpu_ecc_uncorrected_errors_total", "gpu", "3"));
    assertEquals(12.0, s.value("gpu_pcie_replay_total", "gpu", "3"));
    assertEquals(1, fake.calls(3, "fields"));
    assertEquals(1, fake.calls(3, "energy"), "energy read by nvmlDeviceGetTotalEnergyConsumption");
    assertEquals(2, fake.calls(3, "ecc"), "both ECC totals by nvmlDeviceGetTotalEccErrors");
    assertEquals(0, fake.calls(3, "pcie_replay"), "the filled field needs no call of its own");
  }

  @Test
  void notSupportedIsNotAskedAgain() throws Exception {
    open("vary=0;unsupported=power", Duration.ofSeconds(5));
    collector.collect();
    collector.collect();
    collector.collect();
    assertEquals(1, fake.calls(0, "power"));
    assertEquals(3, fake.calls(0, "power_limit"));
  }

  @Test
  void aGpuLostWhileRunningIsStaleAndTheOthersGoOn() throws Exception {
    open("vary=0", Duration.ofSeconds(5));
    SampleLookup before = new SampleLookup(collector.collect());
    assertEquals(0.0, before.value("gpu_stale", "gpu", "2"));
    fake.control.fake_nvml_set_lost(2);
    SampleLookup after = new SampleLookup(collector.collect());
    assertEquals(1.0, after.value("gpu_stale", "gpu", "2"));
    assertTrue(after.has("gpu_info", "gpu", "2"), "the lost GPU is still listed");
    assertFalse(after.has("gpu_power_watts", "gpu", "2"));
    assertFalse(after.has("gpu_memory_used_bytes", "gpu", "2"));
    assertEquals(0.0, after.value("gpu_stale", "gpu", "3"));
    assertEquals(641.0, after.value("gpu_power_watts", "gpu", "3"), 1e-9);
    assertTrue(collector.lastProcesses().stream().noneMatch(p -> p.gpuIndex() == 2));

    // a lost GPU's handle is not queried again
    long calls = fake.calls(2, "utilization");
    SampleLookup later = new SampleLookup(collector.collect());
    assertEquals(1.0, later.value("gpu_stale", "gpu", "2"));
    assertEquals(calls, fake.calls(2, "utilization"));
  }

  @Test
  void aGpuLostBeforeStartIsLeftOut() throws Exception {
    open("vary=0;lost=5", Duration.ofSeconds(5));
    assertEquals(7, backend.gpus().size());
    SampleLookup s = new SampleLookup(collector.collect());
    assertFalse(s.has("gpu_info", "gpu", "5"));
    assertTrue(s.has("gpu_info", "gpu", "6"));
  }

  @Test
  void aHungCallMarksTheGpuStaleWithoutBlockingTheOthers() throws Exception {
    open("vary=0;hang=1:power;hang_ms=60000", Duration.ofSeconds(2));
    SampleLookup first = new SampleLookup(collector.collect());
    assertEquals(1.0, first.value("gpu_stale", "gpu", "1"));
    assertFalse(first.has("gpu_utilization_ratio", "gpu", "1"));
    assertEquals(0.0, first.value("gpu_stale", "gpu", "0"));
    assertEquals(0.83, first.value("gpu_utilization_ratio", "gpu", "3"), 1e-12);

    // the next tick skips GPU 1 altogether while its call is still hung
    long utilizationCalls = fake.calls(1, "utilization");
    SampleLookup second = new SampleLookup(collector.collect());
    assertEquals(1.0, second.value("gpu_stale", "gpu", "1"));
    assertEquals(utilizationCalls, fake.calls(1, "utilization"));
    assertEquals(1, fake.calls(1, "power"));
    assertTrue(backend.watchdog().isHung(1));

    // the call returns: the GPU recovers at the next tick
    fake.control.fake_nvml_release_hang();
    assertTrue(backend.watchdog().awaitRecovery(1, Duration.ofSeconds(30)));
    SampleLookup third = new SampleLookup(collector.collect());
    assertEquals(0.0, third.value("gpu_stale", "gpu", "1"));
    assertEquals(637.0, third.value("gpu_power_watts", "gpu", "1"), 1e-9);
  }

  @Test
  void openingFailsWhenInitHangs() throws Exception {
    fake = FakeNvml.install(dir, FakeNvml.Variant.DEFAULT, "vary=0");
    Nvml nvml = fake.load();
    NvmlLibrary hanging =
        (NvmlLibrary)
            java.lang.reflect.Proxy.newProxyInstance(
                NvmlLibrary.class.getClassLoader(),
                new Class<?>[] {NvmlLibrary.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("nvmlInit_v2")) {
                    Thread.sleep(60_000);
                  }
                  return method.invoke(nvml.api(), args);
                });
    Nvml wrapped = new Nvml(hanging, nvml.calls(), nvml.symbols(), nvml.location());
    NvmlWatchdog watchdog = new NvmlWatchdog(Duration.ofMillis(200));
    NvmlUnavailableException e =
        assertThrows(
            NvmlUnavailableException.class,
            () ->
                NvmlGpuBackend.open(
                    wrapped,
                    watchdog,
                    clock,
                    Duration.ofSeconds(10),
                    NvmlGpuBackendTest.LOG,
                    (gpu, xid) -> {}));
    assertTrue(e.getMessage().contains("nvmlInit_v2 did not return"), e.getMessage());
    watchdog.close();
  }
}
