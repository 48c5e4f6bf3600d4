package io.clusterwatch.agent.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.ConfiguredCollector;
import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.gpu.nvml.FakeNvml;
import io.clusterwatch.agent.gpu.nvml.NvmlLoader;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCollectorFactoryTest {
  private static final String SMI_ROW =
      "0, GPU-a, NVIDIA L40S, 00000000:01:00.0, 9, 2, 46068, 1235, 44225, 54, 110.23, 350.00, 2520, "
          + "9001, 0x0000000000000000, 0, 0, [N/A]\n";

  @TempDir Path dir;
  private final List<Collector> opened = new ArrayList<>();
  private final List<List<String>> smiRuns = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Collector::close);
  }

  private final ProcessRunner smiAbsent =
      (command, timeout) -> {
        smiRuns.add(command);
        throw new IOException(
            "Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
      };

  private final ProcessRunner smiPresent =
      (command, timeout) -> {
        smiRuns.add(command);
        return new ProcessRunner.Result(0, SMI_ROW, "");
      };

  private static CollectorContext context() {
    return new CollectorContext(
        new HostPaths(Path.of("/proc"), Path.of("/sys")),
        Clock.systemUTC(),
        "node01",
        System.getLogger(GpuCollectorFactoryTest.class.getName()));
  }

  private static GpuSettings settings(String backend, Path library) {
    return new GpuSettings(
        true, backend, library, "nvidia-smi", Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  private Optional<Collector> create(ProcessRunner runner, GpuSettings settings) {
    Optional<Collector> collector =
        CollectorRegistry.createEnabled(
                List.of(
                    new ConfiguredCollector<>(
                        new GpuCollectorFactory(new NvmlLoader(), runner), settings)),
                context())
            .stream()
            .findFirst();
    collector.ifPresent(opened::add);
    return collector;
  }

  private Path fakeLibrary() throws IOException {
    Path built = FakeNvml.built(FakeNvml.Variant.DEFAULT);
    Path copy = Files.createDirectories(dir.resolve("lib")).resolve("libnvidia-ml.so");
    return Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void publicConstructorAndName() {
    assertEquals("gpu", new GpuCollectorFactory().name());
  }

  @Test
  void autoWithoutLibraryOrNvidiaSmiMeansNoGpus() {
    Path missing = dir.resolve("libnvidia-ml.so.1");
    assertEquals(Optional.empty(), create(smiAbsent, settings("auto", missing)));
    assertEquals(1, smiRuns.size(), "nvidia-smi was tried after NVML");
  }

  @Test
  void autoPrefersNvml() throws IOException {
    Collector collector = create(smiPresent, settings("auto", fakeLibrary())).orElseThrow();
    assertEquals("nvml", ((GpuCollector) collector).backendName());
    assertEquals(8, new SampleLookup(collector.collect()).count("gpu_info"));
    assertTrue(smiRuns.isEmpty());
  }

  @Test
  void autoFallsBackToNvidiaSmi() throws IOException {
    Collector collector =
        create(smiPresent, settings("auto", dir.resolve("missing.so"))).orElseThrow();
    assertEquals("nvidia-smi", ((GpuCollector) collector).backendName());
    SampleLookup s = new SampleLookup(collector.collect());
    assertEquals(110.23, s.value("gpu_power_watts", "gpu", "0"), 1e-9);
    assertTrue(smiRuns.get(0).contains("--format=csv,noheader,nounits"));
  }

  @Test
  void explicitNvmlWithAnUnloadableLibraryIsAStartupErrorNamingThePath() throws IOException {
    Path bogus = Files.writeString(dir.resolve("libnvidia-ml.so"), "not an ELF file");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> create(smiPresent, settings("nvml", bogus)));
    assertTrue(e.getMessage().contains(bogus.toAbsolutePath().toString()), e.getMessage());
    assertTrue(smiRuns.isEmpty(), "no fallback when nvml is asked for");
  }

  @Test
  void explicitNvmlWithTheFakeLibrary() throws IOException {
    Collector collector = create(smiAbsent, settings("nvml", fakeLibrary())).orElseThrow();
    assertEquals("gpu", collector.name());
    assertEquals(8, new SampleLookup(collector.collect()).count("gpu_stale"));
  }

  @Test
  void explicitNvidiaSmiThatCannotRunIsAStartupError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> create(smiAbsent, settings("nvidia-smi", null)));
    assertTrue(e.getMessage().contains("nvidia-smi"), e.getMessage());
    assertTrue(e.getMessage().contains("No such file"), e.getMessage());
  }

  @Test
  void noneAndDisabledGiveNoCollector() {
    assertEquals(Optional.empty(), create(smiPresent, settings("none", null)));
    GpuSettings off =
        new GpuSettings(
            false, "auto", null, "nvidia-smi", Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertEquals(Optional.empty(), create(smiPresent, off));
    assertTrue(smiRuns.isEmpty());
  }

  @Test
  void badSettingsAreNamed() {
    ConfigException unknown = assertThrows(ConfigException.class, () -> settings("cuda", null));
    assertEquals(
        "backend: expected one of auto, nvml, nvidia-smi, none, got 'cuda'", unknown.getMessage());
    ConfigException interval =
        assertThrows(
            ConfigException.class,
            () ->
                new GpuSettings(
                    true,
                    "auto",
                    null,
                    "nvidia-smi",
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5)));
    assertEquals("process_interval: must be at least 10s, got 5s", interval.getMessage());
  }
}
