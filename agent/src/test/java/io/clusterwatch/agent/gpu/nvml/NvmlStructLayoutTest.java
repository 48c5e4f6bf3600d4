package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA structs against the C compiler's layout of the same nvml.h structs, and the symbols. */
class NvmlStructLayoutTest {
  @TempDir Path dir;
  private FakeNvml fake;

  @BeforeEach
  void load() throws Exception {
    fake = FakeNvml.install(dir, FakeNvml.Variant.DEFAULT, "");
  }

  private long c(String name) {
    long value = fake.control.fake_nvml_layout(name).longValue();
    assertTrue(value >= 0, "the fake knows " + name);
    return value;
  }

  private void assertLayout(String cName, NvmlStructs.NvmlStruct struct, List<String> fields) {
    assertEquals(c(cName), struct.size(), "sizeof(" + cName + ")");
    for (String field : fields) {
      assertEquals(c(cName + "." + field), struct.offsetOf(field), cName + "." + field);
    }
  }

  @Test
  void structsMatchTheCompilersLayout() {
    assertLayout("nvmlUtilization_t", new NvmlStructs.Utilization(), List.of());
    assertLayout("nvmlMemory_t", new NvmlStructs.Memory(), List.of("free", "used"));
    assertLayout(
        "nvmlMemory_v2_t",
        new NvmlStructs.MemoryV2(),
        List.of("total", "reserved", "free", "used"));
    assertLayout(
        "nvmlPciInfo_t", new NvmlStructs.PciInfo(), List.of("domain", "pciDeviceId", "busId"));
    assertLayout("nvmlTemperature_t", new NvmlStructs.Temperature(), List.of("temperature"));
    assertLayout(
        "nvmlFieldValue_t",
        new NvmlStructs.FieldValue(),
        List.of("timestamp", "latencyUsec", "valueType", "nvmlReturn", "value"));
    assertLayout("nvmlGpmSupport_t", new NvmlStructs.GpmSupport(), List.of());
    assertLayout("nvmlGpmMetric_t", new NvmlStructs.GpmMetric(), List.of("value"));
    assertEquals(
        c("nvmlGpmMetric_t.metricInfo"), new NvmlStructs.GpmMetric().offsetOf("shortName"));
    assertLayout(
        "nvmlGpmMetricsGet_t",
        new NvmlStructs.GpmMetricsGet(),
        List.of("sample1", "sample2", "metrics"));
  }

  /** The raw offsets the direct-mapped calls read and write (NvmlLayout), against C. */
  @Test
  void rawOffsetsMatchTheCompilersLayout() {
    assertEquals(c("nvmlUtilization_t"), NvmlLayout.UTILIZATION_MEMORY + 4);
    assertEquals(c("nvmlMemory_t.free"), NvmlLayout.MEMORY_FREE);
    assertEquals(c("nvmlMemory_t.used"), NvmlLayout.MEMORY_USED);
    assertEquals(c("nvmlMemory_v2_t.total"), NvmlLayout.MEMORY_V2_TOTAL);
    assertEquals(c("nvmlMemory_v2_t.free"), NvmlLayout.MEMORY_V2_FREE);
    assertEquals(c("nvmlMemory_v2_t.used"), NvmlLayout.MEMORY_V2_USED);
    assertEquals(c("nvmlTemperature_t.temperature"), NvmlLayout.TEMPERATURE_VALUE);
    assertEquals(c("nvmlFieldValue_t"), NvmlLayout.FIELD_VALUE_SIZE);
    assertEquals(c("nvmlEventData_t"), NvmlLayout.EVENT_DATA_SIZE);
    assertEquals(0, NvmlLayout.EVENT_DEVICE); // the first member, at 0 in C
    assertEquals(c("nvmlEventData_t.eventType"), NvmlLayout.EVENT_TYPE);
    assertEquals(c("nvmlEventData_t.eventData"), NvmlLayout.EVENT_DATA);
    assertEquals(c("nvmlFieldValue_t.valueType"), NvmlLayout.FIELD_VALUE_TYPE);
    assertEquals(c("nvmlFieldValue_t.nvmlReturn"), NvmlLayout.FIELD_RETURN);
    assertEquals(c("nvmlFieldValue_t.value"), NvmlLayout.FIELD_VALUE);
    assertEquals(c("nvmlGpmMetric_t"), NvmlLayout.GPM_METRIC_SIZE);
    assertEquals(c("nvmlGpmMetric_t.value"), NvmlLayout.GPM_METRIC_VALUE);
    assertEquals(c("nvmlGpmMetricsGet_t.sample1"), NvmlLayout.GPM_GET_SAMPLE1);
    assertEquals(c("nvmlGpmMetricsGet_t.sample2"), NvmlLayout.GPM_GET_SAMPLE2);
    assertEquals(c("nvmlGpmMetricsGet_t.metrics"), NvmlLayout.GPM_GET_METRICS);
    assertEquals(c("nvmlGpmMetricsGet_t"), NvmlLayout.GPM_GET_SIZE);
    NvmlStructs.FieldValue field = new NvmlStructs.FieldValue();
    assertEquals(field.offsetOf("scopeId"), NvmlLayout.FIELD_SCOPE_ID);
    NvmlStructs.Temperature temperature = new NvmlStructs.Temperature();
    assertEquals(temperature.offsetOf("sensorType"), NvmlLayout.TEMPERATURE_SENSOR);
    NvmlStructs.GpmMetric metric = new NvmlStructs.GpmMetric();
    assertEquals(metric.offsetOf("nvmlReturn"), NvmlLayout.GPM_METRIC_RETURN);
  }

  @Test
  void sizesAreThoseOfNvmlHeader() {
    // hardware-facts.md a.4, checked against NVML 13.3's nvml.h
    assertEquals(8, new NvmlStructs.Utilization().size());
    assertEquals(24, new NvmlStructs.Memory().size());
    assertEquals(40, new NvmlStructs.MemoryV2().size());
    assertEquals(68, new NvmlStructs.PciInfo().size());
    assertEquals(12, new NvmlStructs.Temperature().size());
    assertEquals(40, new NvmlStructs.FieldValue().size());
    assertEquals(8, new NvmlStructs.GpmSupport().size());
    assertEquals(40, new NvmlStructs.GpmMetric().size());
    assertEquals(24 + 98 * 40, new NvmlStructs.GpmMetricsGet().size());
    assertEquals(24, c("nvmlProcessInfo_t"));
    assertEquals(NvmlProcessReader.Layout.V3.stride, c("nvmlProcessInfo_t"));
  }

  @Test
  void structVersionsMatchTheHeaderMacros() {
    assertEquals(c("nvmlMemory_v2"), NvmlStructs.MemoryV2.VERSION);
    assertEquals(0x02000028, NvmlStructs.MemoryV2.VERSION);
    assertEquals(c("nvmlTemperature_v1"), NvmlStructs.Temperature.VERSION);
    assertEquals(0x0100000C, NvmlStructs.Temperature.VERSION);
  }

  @Test
  void loaderFindsTheVersionedSymbols() {
    Nvml nvml = fake.load();
    assertTrue(nvml.has("nvmlInit_v2"));
    assertTrue(nvml.has("nvmlDeviceGetMemoryInfo_v2"));
    assertTrue(nvml.has("nvmlDeviceGetComputeRunningProcesses_v3"));
    assertTrue(nvml.has("nvmlEventSetWait_v2"));
    assertTrue(nvml.has("nvmlDeviceGetRunningProcessDetailList"));
    // the fake, like a current driver, has no _v2 process call: the loader must not claim it
    assertFalse(nvml.has("nvmlDeviceGetComputeRunningProcesses_v2"));
    assertEquals(NvmlProcessReader.Layout.V3, NvmlProcessReader.choose(nvml).orElseThrow());
  }

  @Test
  void anOlderDriverLacksTheNewerSymbols() throws Exception {
    Path other = Files.createDirectories(dir.resolve("old"));
    Nvml old = FakeNvml.install(other, FakeNvml.Variant.NO_MEMINFO_V2, "").load();
    assertFalse(old.has("nvmlDeviceGetMemoryInfo_v2"));
    assertFalse(old.has("nvmlDeviceGetTemperatureV"));
    assertTrue(old.has("nvmlDeviceGetMemoryInfo"));
    for (String gpm : NvmlGpmReader.SYMBOLS) {
      assertFalse(old.has(gpm), gpm);
      assertTrue(fake.load().has(gpm), gpm);
    }
  }

  @Test
  void r535DriverGetsThe32ByteProcessStride() throws Exception {
    Path other = Files.createDirectories(dir.resolve("r535"));
    Nvml r535 = FakeNvml.install(other, FakeNvml.Variant.R535, "").load();
    assertEquals(NvmlProcessReader.Layout.V3_R535, NvmlProcessReader.choose(r535).orElseThrow());
    assertEquals(32, NvmlProcessReader.Layout.V3_R535.stride);
  }
}
