package io.clusterwatch.agent.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GpuCollectorTest {
  private static final GpuIdentity GPU =
      new GpuIdentity(2, "GPU-x", "00000000:52:00.0", "NVIDIA H100 80GB HBM3", OptionalInt.of(2));
  private static final Labels LABELS =
      Labels.of("gpu", "2", "gpu_uuid", "GPU-x", "pci_bus_id", "00000000:52:00.0");

  @Test
  void aStaleGpuGivesOnlyItsInfoAndStaleness() {
    List<Sample> samples = GpuCollector.toSamples(List.of(GpuReading.stale(GPU)));
    assertEquals(
        List.of(
            Sample.gauge(
                "gpu_info", LABELS.with("model", "NVIDIA H100 80GB HBM3").with("minor", "2"), 1.0),
            Sample.gauge("gpu_stale", LABELS, 1.0)),
        samples);
  }

  @Test
  void everyFamilyWithItsLabelsAndType() {
    GpuReading reading =
        new GpuReading.Builder(GPU)
            .gauge(GpuGauge.POWER, 612.5)
            .counter(GpuCounter.ENERGY, 123_456L)
            .xidErrors(Map.of(79L, 2L))
            .migInstances(List.of(new MigInstance("MIG-a", 10L, 20L)))
            .build();
    List<Sample> samples = GpuCollector.toSamples(List.of(reading));
    assertEquals(
        List.of(
            Sample.gauge(
                "gpu_info", LABELS.with("model", "NVIDIA H100 80GB HBM3").with("minor", "2"), 1.0),
            Sample.gauge("gpu_stale", LABELS, 0.0),
            Sample.gauge("gpu_power_watts", LABELS, 612.5),
            Sample.counter("gpu_energy_joules_total", LABELS, 123_456L, 0.001),
            Sample.counter("gpu_xid_errors_total", LABELS.with("xid", "79"), 2L),
            Sample.gauge("gpu_mig_memory_used_bytes", LABELS.with("mig_uuid", "MIG-a"), 10.0),
            Sample.gauge("gpu_mig_memory_total_bytes", LABELS.with("mig_uuid", "MIG-a"), 20.0)),
        samples);
    assertEquals(MetricType.COUNTER, samples.get(3).type());
  }

  @Test
  void withoutAMinorNumberTheInfoHasNoMinorLabel() {
    GpuIdentity smi =
        new GpuIdentity(0, "GPU-y", "00000000:01:00.0", "NVIDIA L40S", OptionalInt.empty());
    Sample info = GpuCollector.toSamples(List.of(GpuReading.stale(smi))).get(0);
    assertEquals(null, info.labels().get("minor"));
    assertEquals("NVIDIA L40S", info.labels().get("model"));
  }

  @Test
  void anUnchangedGpuKeepsItsLabelInstancesFromTickToTick() throws Exception {
    GpuReading reading =
        new GpuReading.Builder(GPU)
            .gauge(GpuGauge.POWER, 612.5)
            .xidErrors(Map.of(79L, 2L))
            .migInstances(List.of(new MigInstance("MIG-a", 10L, 20L)))
            .build();
    GpuBackend backend =
        new GpuBackend() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public List<GpuReading> read() {
            return List.of(reading);
          }

          @Override
          public List<GpuProcess> lastProcesses() {
            return List.of();
          }

          @Override
          public void close() {}
        };
    try (GpuCollector collector = new GpuCollector(backend)) {
      List<Sample> first = collector.collect();
      List<Sample> second = collector.collect();
      assertEquals(first, second);
      for (int i = 0; i < first.size(); i++) {
        assertSame(first.get(i).labels(), second.get(i).labels(), first.get(i).metric());
      }
      assertEquals(LABELS.with("xid", "79"), second.get(3).labels());
    }
  }
}
