package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names, labels and values the agent's text exposition gives a tick's series. */
class ExpositionNamesTest {
  private static String text(Tick tick) throws Exception {
    return new String(new TickTextWriter("gpu-node-07").render(tick), StandardCharsets.UTF_8);
  }

  private static void assertLine(String text, String line) {
    List<String> lines = Arrays.asList(text.split("\n"));
    assertTrue(lines.contains(line), "missing line: " + line + "\n--- in ---\n" + text);
  }

  @Test
  void hostFamiliesKeepNodeExporterNamesTypesAndUnits() throws Exception {
    String t = text(ExpositionFixtures.tick());
    assertLine(t, "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.");
    assertLine(t, "# TYPE node_cpu_seconds_total counter");
    assertLine(t, "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10870.69");
    assertLine(t, "# TYPE node_disk_read_bytes_total counter");
    assertLine(t, "node_disk_read_bytes_total{device=\"sda\"} 1.2345678901E10");
    assertLine(t, "node_disk_io_time_seconds_total{device=\"sda\"} 1234.567");
    assertLine(t, "# TYPE node_disk_io_now gauge");
    assertLine(t, "node_disk_io_now{device=\"sda\"} 3.0");
    assertLine(
        t, "# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.");
    assertLine(t, "node_memory_MemAvailable_bytes 1.6042172416E10");
    assertLine(
        t, "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.");
    // The raw counter is unsigned: all 64 bits set is 2^64 - 1, not -1.
    assertLine(t, "node_network_receive_bytes_total{device=\"eth0\"} 1.8446744073709552E19");
    assertLine(
        t, "node_infiniband_info{device=\"mlx5_0\",link_layer=\"InfiniBand\",port=\"1\"} 1.0");
  }

  @Test
  void gpuFamiliesUseDcgmExporterNamesLabelsAndUnits() throws Exception {
    String t = text(ExpositionFixtures.tick());
    String labels =
        "{Hostname=\"gpu-node-07\",UUID=\"GPU-0d9c8b1e\",device=\"nvidia3\","
            + "gpu=\"0\",modelName=\"NVIDIA H100 80GB HBM3\",pci_bus_id=\"00000000:1A:00.0\"}";
    assertLine(t, "# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).");
    assertLine(t, "# TYPE DCGM_FI_DEV_GPU_UTIL gauge");
    assertLine(t, "DCGM_FI_DEV_GPU_UTIL" + labels + " 87.0");
    assertLine(t, "DCGM_FI_DEV_FB_USED" + labels + " 42.5");
    assertLine(t, "DCGM_FI_DEV_SM_CLOCK" + labels + " 1410.0");
    assertLine(t, "DCGM_FI_DEV_POWER_USAGE" + labels + " 301.25");
    // Energy travels in mJ with scale 0.001 and is shown in mJ again, exactly.
    assertLine(t, "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION untyped");
    assertLine(t, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + labels + " 9.87654321E8");
    assertLine(t, "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL" + labels + " 2.0");
    assertFalse(t.contains("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL_total"), t);
    assertFalse(t.contains("CONSUMPTION_total"), t);
    // profiling families: ratios stay 0..1 and throughput bytes per second, as dcgm-exporter shows
    // them
    assertLine(t, "# TYPE DCGM_FI_PROF_SM_ACTIVE gauge");
    assertLine(t, "DCGM_FI_PROF_SM_ACTIVE" + labels + " 0.43");
    assertLine(t, "DCGM_FI_PROF_PCIE_TX_BYTES" + labels + " 1.5E9");
  }

  @Test
  void ownFamiliesGetTheClusterwatchPrefix() throws Exception {
    String t = text(ExpositionFixtures.tick());
    assertLine(t, "# TYPE clusterwatch_gpu_xid_errors_total counter");
    assertLine(
        t,
        "clusterwatch_gpu_xid_errors_total{gpu=\"0\",gpu_uuid=\"GPU-0d9c8b1e\","
            + "pci_bus_id=\"00000000:1A:00.0\",xid=\"79\"} 1.0");
    assertLine(
        t,
        "clusterwatch_gpu_stale{gpu=\"0\",gpu_uuid=\"GPU-0d9c8b1e\","
            + "pci_bus_id=\"00000000:1A:00.0\"} 0.0");
    assertLine(t, "clusterwatch_agent_collector_success{collector=\"disk\"} 1.0");
    assertLine(t, "clusterwatch_agent_tick_timestamp_seconds 1.7000000005E9");
    assertTrue(t.contains("clusterwatch_gpu_info{"), t);
  }

  @Test
  void aRepeatedSeriesOrATypeClashNeverBreaksTheScrape() throws Exception {
    Tick tick =
        new Tick(
            0,
            List.of(
                Sample.gauge("disk_io_now", Labels.of("device", "sda"), 1),
                Sample.gauge("disk_io_now", Labels.of("device", "sda"), 2),
                Sample.counter("disk_io_now", Labels.of("device", "sdb"), 5)));
    String t = text(tick);
    assertLine(t, "node_disk_io_now{device=\"sda\"} 1.0");
    assertFalse(t.contains("sdb"), t);
  }

  @Test
  void withoutGpuInfoTheDeviceFollowsTheIndex() throws Exception {
    Tick tick =
        new Tick(0, List.of(Sample.gauge("gpu_temperature_celsius", Labels.of("gpu", "2"), 41)));
    assertLine(
        text(tick),
        "DCGM_FI_DEV_GPU_TEMP{Hostname=\"gpu-node-07\",device=\"nvidia2\",gpu=\"2\"} 41.0");
  }

  @Test
  void labelsFollowGpuInfoFromTickToTick() throws Exception {
    TickTextWriter writer = new TickTextWriter("n01");
    Labels gpu = Labels.of("gpu", "1", "gpu_uuid", "GPU-9");
    Sample temp = Sample.gauge("gpu_temperature_celsius", gpu, 40);
    String before = write(writer.render(new Tick(0, List.of(temp))));
    assertLine(
        before,
        "DCGM_FI_DEV_GPU_TEMP{Hostname=\"n01\",UUID=\"GPU-9\",device=\"nvidia1\",gpu=\"1\"} 40.0");
    Sample info =
        Sample.gauge("gpu_info", gpu.with("model", "NVIDIA A100-SXM4-40GB").with("minor", "5"), 1);
    String after = write(writer.render(new Tick(1000, List.of(info, temp))));
    assertLine(
        after,
        "DCGM_FI_DEV_GPU_TEMP{Hostname=\"n01\",UUID=\"GPU-9\",device=\"nvidia5\",gpu=\"1\","
            + "modelName=\"NVIDIA A100-SXM4-40GB\"} 40.0");
  }

  private static String write(byte[] text) {
    return new String(text, StandardCharsets.UTF_8);
  }

  @Test
  void jsonCarriesRawCountersAndTheirScale() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonSnapshot().write(out, "n01", ExpositionFixtures.tick());
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
    assertEquals("n01", root.get("host").asText());
    assertEquals(1_700_000_000_500L, root.get("timestamp_ms").asLong());
    var cpu = root.get("samples").get(0);
    assertEquals("cpu_seconds_total", cpu.get("metric").asText());
    assertEquals("idle", cpu.get("labels").get("mode").asText());
    assertEquals("counter", cpu.get("type").asText());
    assertEquals(10870.69, cpu.get("value").asDouble());
    assertEquals(1087069, cpu.get("raw").asLong());
    assertEquals(0.01, cpu.get("scale").asDouble());
    var eth = root.get("samples").get(5);
    assertEquals("18446744073709551615", eth.get("raw").bigIntegerValue().toString());
    var mem = root.get("samples").get(4);
    assertEquals("gauge", mem.get("type").asText());
    assertFalse(mem.has("raw"));
  }
}
