package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.GpuIdentity;
import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.gpu.MutableClock;
import io.clusterwatch.agent.gpu.SampleLookup;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NVML backend end to end against the fake libnvidia-ml.so: values leave the fake in NVML units
 * and must arrive as samples in base units.
 */
class NvmlGpuBackendTest {
  static final System.Logger LOG = System.getLogger(NvmlGpuBackendTest.class.getName());
  static final double MIB = 1048576.0;
  static final String GPU3_UUID = "GPU-3f2a8b10-0003-4c5d-8e9f-000000a0b0c3";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private GpuCollector collector;

  @AfterEach
  void close() {
    if (collector != null) {
      collector.close();
    }
  }

  private NvmlGpuBackend backend;

  private GpuCollector open(FakeNvml.Variant variant, String scenario) throws Exception {
    FakeNvml fake =
        FakeNvml.install(Files.createDirectories(dir.resolve(variant.name())), variant, scenario);
    backend =
        NvmlGpuBackend.open(
            fake.load(),
            new NvmlWatchdog(Duration.ofSeconds(5)),
            clock,
            Duration.ofSeconds(10),
            LOG,
            (gpu, xid) -> {});
    collector = new GpuCollector(backend);
    return collector;
  }

  @Test
  void eightH100sWithTheirIdentity() throws Exception {
    open(FakeNvml.Variant.DEFAULT, "vary=0");
    List<GpuIdentity> gpus = backend.gpus();
    assertEquals(8, gpus.size());
    assertEquals(
        new GpuIdentity(
            3, GPU3_UUID, "00000000:61:00.0", "NVIDIA H100 80GB HBM3", OptionalInt.of(3)),
        gpus.get(3));
    assertEquals("00000000:1B:00.0", gpus.get(0).pciBusId());
    assertEquals("00000000:DF:00.0", gpus.get(7).pciBusId());

    SampleLookup samples = new SampleLookup(collector.collect());
    assertEquals(8, samples.count("gpu_info"));
    Sample info = samples.find("gpu_info", "gpu", "3").orElseThrow();
    assertEquals("NVIDIA H100 80GB HBM3", info.labels().get("model"));
    assertEquals("3", info.labels().get("minor"));
    assertEquals(GPU3_UUID, info.labels().get("gpu_uuid"));
    assertEquals("00000000:61:00.0", info.labels().get("pci_bus_id"));
    assertEquals(0.0, samples.value("gpu_stale", "gpu", "3"));
  }

  @Test
  void valuesArriveInBaseUnits() throws Exception {
    SampleLookup s = new SampleLookup(open(FakeNvml.Variant.DEFAULT, "vary=0").collect());
    String[] gpu3 = {"gpu", "3", "gpu_uuid", GPU3_UUID, "pci_bus_id", "00000000:61:00.0"};
    // fake: utilisation 83 %, memory utilisation 43 %
    assertEquals(0.83, s.value("gpu_utilization_ratio", gpu3), 1e-12);
    assertEquals(0.43, s.value("gpu_memory_utilization_ratio", gpu3), 1e-12);
    // fake: _v2 memory info in bytes: total 81559 MiB, reserved 479 MiB, used 62300 MiB
    assertEquals(81559 * MIB, s.value("gpu_memory_total_bytes", gpu3));
    assertEquals(62300 * MIB, s.value("gpu_memory_used_bytes", gpu3));
    assertEquals((81559 - 62300 - 479) * MIB, s.value("gpu_memory_free_bytes", gpu3));
    assertEquals(53.0, s.value("gpu_temperature_celsius", gpu3));
    // fake: 641000 mW drawn, 700000 mW enforced limit
    assertEquals(641.0, s.value("gpu_power_watts", gpu3), 1e-9);
    assertEquals(700.0, s.value("gpu_power_limit_watts", gpu3), 1e-9);
    // fake: 1980 MHz SM, 2619 MHz memory
    assertEquals(1.98e9, s.value("gpu_sm_clock_hertz", gpu3), 1e-3);
    assertEquals(2.619e9, s.value("gpu_memory_clock_hertz", gpu3), 1e-3);
    assertEquals(0.0, s.value("gpu_clock_event_reasons", gpu3));
    assertEquals(0.0, s.value("gpu_mig_mode", gpu3));
    assertEquals(1.0, s.value("gpu_compute_processes", gpu3));
    assertEquals(0.0, s.value("gpu_last_xid", gpu3));
  }

  @Test
  void countersKeepTheirRawUnitWithAScale() throws Exception {
    SampleLookup s = new SampleLookup(open(FakeNvml.Variant.DEFAULT, "vary=0").collect());
    // fake: 1e9 + 3e6 mJ through nvmlDeviceGetFieldValues (NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION)
    Sample energy = s.find("gpu_energy_joules_total", "gpu", "3").orElseThrow();
    assertEquals(MetricType.COUNTER, energy.type());
    assertEquals(1_003_000_000L, energy.counterValue());
    assertEquals(0.001, energy.scale());
    assertEquals(1_003_000.0, energy.doubleValue(), 1e-6);
    assertEquals(3.0, s.value("gpu_ecc_corrected_errors_total", "gpu", "3"));
    assertEquals(0.0, s.value("gpu_ecc_uncorrected_errors_total", "gpu", "3"));
    // the replay counter is an unsigned int in the value union; its upper half holds garbage
    Sample replay = s.find("gpu_pcie_replay_total", "gpu", "3").orElseThrow();
    assertEquals(12L, replay.counterValue());
    assertEquals(1.0, replay.scale());
  }

  @Test
  void processesListedWithPidAndMemory() throws Exception {
    GpuCollector c = open(FakeNvml.Variant.DEFAULT, "vary=0;processes=3");
    SampleLookup s = new SampleLookup(c.collect());
    assertEquals(3.0, s.value("gpu_compute_processes", "gpu", "3"));
    List<GpuProcess> gpu3 = c.lastProcesses().stream().filter(p -> p.gpuIndex() == 3).toList();
    assertEquals(
        List.of(
            new GpuProcess(GPU3_UUID, 3, 20300, OptionalLong.of((long) (1024 * MIB))),
            new GpuProcess(GPU3_UUID, 3, 20301, OptionalLong.of((long) (1536 * MIB))),
            new GpuProcess(GPU3_UUID, 3, 20302, OptionalLong.of((long) (2048 * MIB)))),
        gpu3);
    assertEquals(24, c.lastProcesses().size());
  }

  @Test
  void r535DriversWrite32ByteProcessElements() throws Exception {
    GpuCollector c = open(FakeNvml.Variant.R535, "vary=0;processes=3");
    c.collect();
    List<GpuProcess> gpu3 = c.lastProcesses().stream().filter(p -> p.gpuIndex() == 3).toList();
    assertEquals(List.of(20300L, 20301L, 20302L), gpu3.stream().map(GpuProcess::pid).toList());
    assertEquals(OptionalLong.of((long) (2048 * MIB)), gpu3.get(2).usedMemoryBytes());
  }

  @Test
  void processesAreListedAtMostOncePerInterval() throws Exception {
    FakeNvml fake = FakeNvml.install(dir, FakeNvml.Variant.DEFAULT, "vary=0");
    NvmlGpuBackend backend =
        NvmlGpuBackend.open(
            fake.load(),
            new NvmlWatchdog(Duration.ofSeconds(5)),
            clock,
            Duration.ofSeconds(10),
            LOG,
            (gpu, xid) -> {});
    collector = new GpuCollector(backend);
    collector.collect();
    long afterFirst = fake.calls(0, "processes");
    assertTrue(afterFirst > 0);
    clock.advance(Duration.ofSeconds(9));
    SampleLookup s = new SampleLookup(collector.collect());
    assertEquals(afterFirst, fake.calls(0, "processes"), "no listing within 10 s");
    assertEquals(
        1.0, s.value("gpu_compute_processes", "gpu", "0"), "the count of the last listing");
    clock.advance(Duration.ofSeconds(1));
    collector.collect();
    assertEquals(2 * afterFirst, fake.calls(0, "processes"), "listed again after 10 s");
  }

  @Test
  void anOldDriverWithoutMemoryInfoV2FallsBackToV1() throws Exception {
    SampleLookup s = new SampleLookup(open(FakeNvml.Variant.NO_MEMINFO_V2, "vary=0").collect());
    // v1 counts the 479 MiB reserved by the driver as used
    assertEquals((62300 + 479) * MIB, s.value("gpu_memory_used_bytes", "gpu", "3"));
    assertEquals(81559 * MIB, s.value("gpu_memory_total_bytes", "gpu", "3"));
    // the deprecated nvmlDeviceGetTemperature stands in for the missing nvmlDeviceGetTemperatureV
    assertEquals(53.0, s.value("gpu_temperature_celsius", "gpu", "3"));
  }

  @Test
  void migInstancesWithTheirMemory() throws Exception {
    SampleLookup s = new SampleLookup(open(FakeNvml.Variant.DEFAULT, "vary=0;mig=0").collect());
    assertEquals(1.0, s.value("gpu_mig_mode", "gpu", "0"));
    assertEquals(0.0, s.value("gpu_mig_mode", "gpu", "1"));
    // NVML has no utilisation on a MIG-enabled GPU: absent, not zero
    assertFalse(s.has("gpu_utilization_ratio", "gpu", "0"));
    assertTrue(s.has("gpu_utilization_ratio", "gpu", "1"));
    // slots 0, 2 and 3 are populated, slot 1 is empty (NOT_FOUND)
    assertEquals(3, s.count("gpu_mig_memory_total_bytes"));
    String mig0 = "MIG-7e1c5d20-0000-5a6b-9c0d-000000000000";
    String mig2 = "MIG-7e1c5d20-0000-5a6b-9c0d-000000000002";
    assertEquals(40448 * MIB, s.value("gpu_mig_memory_total_bytes", "gpu", "0", "mig_uuid", mig0));
    assertEquals(11091 * MIB, s.value("gpu_mig_memory_used_bytes", "gpu", "0", "mig_uuid", mig0));
    assertEquals(20096 * MIB, s.value("gpu_mig_memory_total_bytes", "gpu", "0", "mig_uuid", mig2));
    assertEquals(17 * MIB, s.value("gpu_mig_memory_used_bytes", "gpu", "0", "mig_uuid", mig2));
    assertEquals(11125 * MIB, s.value("gpu_memory_used_bytes", "gpu", "0"));
  }

  @Test
  void defaultScenarioDriftsSlowlyAndEnergyGrows() throws Exception {
    GpuCollector c = open(FakeNvml.Variant.DEFAULT, "");
    SampleLookup first = new SampleLookup(c.collect());
    double util = first.value("gpu_utilization_ratio", "gpu", "0");
    assertTrue(util >= 0.5 && util <= 1.0, "busy: " + util);
    double power = first.value("gpu_power_watts", "gpu", "0");
    assertTrue(power >= 590 && power < 700, "below the 700 W limit: " + power);
    Sample energy = first.find("gpu_energy_joules_total", "gpu", "0").orElseThrow();
    // the fake integrates about 640 W over monotonic time: 0.64 mJ per microsecond
    Sample later =
        new SampleLookup(c.collect()).find("gpu_energy_joules_total", "gpu", "0").orElseThrow();
    assertTrue(Long.compareUnsigned(later.counterValue(), energy.counterValue()) > 0);
  }

  /** Another process steers the load at runtime through the control file (README: control=PATH). */
  @Test
  void controlFilePinsUtilisationWhileRunning() throws Exception {
    Path control = dir.resolve("nvml.control");
    GpuCollector c = open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=4;control=" + control);
    assertEquals(
        0.81, new SampleLookup(c.collect()).value("gpu_utilization_ratio", "gpu", "1"), 1e-12);

    Files.writeString(control, "# idle GPU\ngpu.1.util=0\n");
    SampleLookup pinned = new SampleLookup(c.collect());
    assertEquals(0.0, pinned.value("gpu_utilization_ratio", "gpu", "1"));
    assertEquals(0.82, pinned.value("gpu_utilization_ratio", "gpu", "2"), 1e-12);

    Files.writeString(control, "gpu.1.util=57\ngpu.2.util=150\ngpu.3.util=5\n");
    SampleLookup next = new SampleLookup(c.collect());
    assertEquals(0.57, next.value("gpu_utilization_ratio", "gpu", "1"), 1e-12);
    assertEquals(
        0.82, next.value("gpu_utilization_ratio", "gpu", "2"), 1e-12, "a bad line is skipped");
    assertEquals(0.05, next.value("gpu_utilization_ratio", "gpu", "3"), 1e-12);

    Files.delete(control);
    assertEquals(
        0.81, new SampleLookup(c.collect()).value("gpu_utilization_ratio", "gpu", "1"), 1e-12);
  }

  /** Job discovery's view: minors 0..N-1 (Slurm's /dev/nvidiaN), UUIDs, bus ids, MIG UUIDs. */
  @Test
  void jobDiscoveryViewOfTheCollector() throws Exception {
    GpuCollector c =
        open(FakeNvml.Variant.DEFAULT, "vary=0;gpus=4;mig=2;processes=1;pid_base=4000000");
    io.clusterwatch.agent.jobs.GpuCollectorView view =
        new io.clusterwatch.agent.jobs.GpuCollectorView(c);
    assertEquals(List.of(), view.devices(), "nothing before the first tick");
    c.collect();
    List<io.clusterwatch.agent.jobs.GpuDevice> devices = view.devices();
    assertEquals(4, devices.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(i, devices.get(i).minor());
      assertEquals(backend.gpus().get(i).uuid(), devices.get(i).uuid());
      assertEquals(backend.gpus().get(i).pciBusId(), devices.get(i).pciBusId());
    }
    assertEquals(GPU3_UUID, devices.get(3).uuid());
    assertEquals(3, devices.get(2).migUuids().size());
    assertTrue(devices.get(2).migUuids().stream().allMatch(u -> u.startsWith("MIG-")));
    assertEquals(List.of(), devices.get(0).migUuids());
    List<GpuProcess> processes = view.processes();
    assertEquals(
        backend.lastProcesses().stream().map(p -> p.pid()).toList(),
        processes.stream().map(p -> p.pid()).toList());
    assertTrue(
        processes.stream().anyMatch(p -> p.pid() == 4_000_100L), "pid_base moves the fake PIDs");
    assertTrue(processes.stream().allMatch(p -> p.pid() >= 4_000_000L));
  }
}
