package io.clusterwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.agent.gpu.nvml.FakeNvml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --once} with every shipped collector, end to end: over node_exporter's own fixture tree
 * every series we share with node_exporter must carry the value of node_exporter's expected output,
 * and over the fake NVML library the dcgm-exporter families must carry the scripted values in
 * dcgm-exporter's units.
 */
class OnceOutputTest {
  private static final Path NODE_EXPORTER =
      Path.of("src", "test", "resources", "fixtures", "node_exporter");
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static String once(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new AgentMain(
                DefaultCollectors.factories(),
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Series name plus sorted labels, to its value. */
  private static Map<String, Double> parse(List<String> lines) {
    Map<String, Double> out = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), "not an exposition line: " + line);
      List<String> labels = new ArrayList<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.add(l.group(1) + "=" + l.group(2));
        }
      }
      labels.sort(null);
      out.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
    }
    return out;
  }

  @Test
  void sharedHostSeriesEqualNodeExportersExpectedOutput() throws IOException {
    String text =
        once(
            "--once",
            "--procfs",
            NODE_EXPORTER.resolve("proc").toString(),
            "--sysfs",
            NODE_EXPORTER.resolve("sys").toString(),
            "--gpu",
            "none");
    Map<String, Double> ours = parse(text.lines().toList());
    Map<String, Double> expected =
        parse(Files.readAllLines(NODE_EXPORTER.resolve("e2e-output.txt")));
    int shared = 0;
    for (Map.Entry<String, Double> e : ours.entrySet()) {
      Double theirs = expected.get(e.getKey());
      if (theirs != null) {
        shared++;
        assertEquals(theirs, e.getValue(), Math.abs(theirs) * 1e-12, e.getKey());
      }
    }
    // cpu, disk, memory, network and infiniband families of node_exporter's fixture tree
    assertTrue(shared >= 300, "only " + shared + " series shared with node_exporter");
    for (String family :
        List.of(
            "node_cpu_seconds_total",
            "node_disk_read_bytes_total",
            "node_memory_MemTotal_bytes",
            "node_infiniband_port_data_received_bytes_total")) {
      assertTrue(ours.keySet().stream().anyMatch(k -> k.startsWith(family + "[")), family);
    }
  }

  /** The fake library's control function (not NVML). */
  interface FakeControl extends Library {
    int fake_nvml_configure(String spec);
  }

  @Test
  void gpuFamiliesFromTheFakeNvmlInDcgmUnits(@TempDir Path dir) throws IOException {
    Path lib = dir.resolve("libnvidia-ml.so");
    Files.copy(FakeNvml.built(FakeNvml.Variant.DEFAULT), lib, StandardCopyOption.REPLACE_EXISTING);
    // The agent's dlopen of the same file gets this instance, configured before its nvmlInit.
    FakeControl control = Native.load(lib.toAbsolutePath().toString(), FakeControl.class);
    assertEquals(0, control.fake_nvml_configure("gpus=2;vary=0"));
    String text =
        once(
            "--once",
            "--procfs",
            dir.resolve("proc").toString(),
            "--sysfs",
            dir.resolve("sys").toString(),
            "--gpu",
            "nvml",
            "--nvml-lib",
            lib.toString(),
            "--hostname",
            "dgx01");
    Map<String, Double> ours = parse(text.lines().toList());
    String gpu1 = null;
    for (String key : ours.keySet()) {
      if (key.startsWith("DCGM_FI_DEV_GPU_UTIL[") && key.contains("gpu=1,")) {
        gpu1 = key.substring("DCGM_FI_DEV_GPU_UTIL".length());
      }
    }
    assertTrue(gpu1 != null, text);
    assertTrue(
        gpu1.contains("Hostname=dgx01")
            && gpu1.contains("modelName=NVIDIA H100 80GB HBM3")
            && gpu1.contains("UUID=GPU-")
            && gpu1.contains("device=nvidia"),
        gpu1);
    // Scripted for GPU 1 (src/test/c/README.md, vary=0): 81 %, 41 %, 62100 MiB, 51 C, 637000 mW,
    // 10^9 + 10^6 mJ, 1 corrected ECC error, 10 PCIe replays.
    assertEquals(81.0, ours.get("DCGM_FI_DEV_GPU_UTIL" + gpu1));
    assertEquals(41.0, ours.get("DCGM_FI_DEV_MEM_COPY_UTIL" + gpu1));
    assertEquals(62100.0, ours.get("DCGM_FI_DEV_FB_USED" + gpu1));
    assertEquals(51.0, ours.get("DCGM_FI_DEV_GPU_TEMP" + gpu1));
    assertEquals(637.0, ours.get("DCGM_FI_DEV_POWER_USAGE" + gpu1));
    assertEquals(1_001_000_000.0, ours.get("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + gpu1));
    assertEquals(1.0, ours.get("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL" + gpu1));
    assertEquals(10.0, ours.get("DCGM_FI_DEV_PCIE_REPLAY_COUNTER" + gpu1));
    assertTrue(text.contains("# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n"), text);
  }
}
