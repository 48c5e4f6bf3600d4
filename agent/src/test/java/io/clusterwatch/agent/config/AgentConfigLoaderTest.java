package io.clusterwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigLoaderTest {
  private final AgentConfigLoader loader = new AgentConfigLoader();

  /** The shipped, documented file must load and say exactly what the code's defaults say. */
  @Test
  void shippedConfigLoadsAndEqualsTheDefaults() {
    AgentConfig shipped = loader.load(Path.of("..", "config", "agent.yaml"));
    AgentConfig d = AgentConfig.defaults();
    assertEquals(d.interval(), shipped.interval());
    assertEquals(d.hostname(), shipped.hostname());
    assertEquals(d.procfs(), shipped.procfs());
    assertEquals(d.sysfs(), shipped.sysfs());
    assertEquals(d.cpu(), shipped.cpu());
    assertEquals(d.memory(), shipped.memory());
    assertEquals(d.infiniband(), shipped.infiniband());
    assertFilterEquals(d.disk(), shipped.disk());
    assertFilterEquals(d.network(), shipped.network());
    assertEquals(d.gpu(), shipped.gpu());
    assertEquals(d.metrics(), shipped.metrics());
    assertEquals(d.hub(), shipped.hub());
    assertEquals(d.staticJobs(), shipped.staticJobs());
    assertEquals(d.jobs(), shipped.jobs());
  }

  @Test
  void jobDiscoveryKeys() {
    AgentConfig c =
        loader.parse(
            String.join(
                "\n",
                "jobs:",
                "  slurm: {enabled: true}",
                "  spool_dir: /tmp/spool",
                "  gpu_index_meaning: nvml_index",
                "  interval: 3s",
                "  kubernetes: {pod_resources_socket: /var/lib/kubelet/pod-resources/kubelet.sock}",
                ""));
    assertEquals(
        new JobSettings(JobSettings.Mode.ON, java.nio.file.Path.of("/tmp/spool"), "nvml_index",
            java.time.Duration.ofSeconds(3), "/var/lib/kubelet/pod-resources/kubelet.sock"),
        c.jobs());
    assertEquals(JobSettings.Mode.OFF, loader.parse("jobs: {slurm: {enabled: false}}").jobs().slurm());
    assertEquals(JobSettings.Mode.AUTO, loader.parse("jobs: {slurm: {enabled: auto}}").jobs().slurm());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jobs: {slurm: {enabled: maybe}}           | jobs.slurm.enabled: expected auto, true or false",
        "jobs: {slurm: {enable: true}}             | unknown key jobs.slurm.enable",
        "jobs: {gpu_index_meaning: pci}            | jobs.gpu_index_meaning: expected device_minor or nvml_index",
        "jobs: {interval: 100ms}                   | jobs.interval: expected at least 1s",
        "jobs: {spool: /x}                         | unknown key jobs.spool",
        "jobs: {kubernetes: {socket: /x}}          | unknown key jobs.kubernetes.socket",
      })
  void badJobKeysAreNamed(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void assertFilterEquals(DeviceFilter expected, DeviceFilter actual) {
    assertEquals(expected.enabled(), actual.enabled());
    assertEquals(expected.wholeDevicesOnly(), actual.wholeDevicesOnly());
    assertEquals(text(expected.include()), text(actual.include()));
    assertEquals(text(expected.exclude()), text(actual.exclude()));
  }

  private static String text(Pattern p) {
    return p == null ? null : p.pattern();
  }

  @Test
  void anUnknownNestedKeyIsRejectedWithItsFullPath() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("collectors:\n  disk:\n    exlude: 'sd.*'\n"));
    assertTrue(e.getMessage().contains("unknown key collectors.disk.exlude"), e.getMessage());
    assertTrue(e.getMessage().contains("exclude"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void anUnknownTopLevelKeyIsRejected() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse("interval: 1s\nintreval: 2s\n"));
    assertTrue(e.getMessage().contains("unknown key intreval"), e.getMessage());
  }

  @Test
  void anUnknownKeyInAStaticJobNamesItsIndex() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("jobs:\n  static:\n    - id: a\n    - id: b\n      gpu: [x]\n"));
    assertTrue(e.getMessage().contains("unknown key jobs.static[1].gpu"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "interval: 1         | interval: expected a duration",
        "interval: 1x        | interval: expected a duration",
        "interval: 0s        | interval: expected a positive duration",
        "interval: 50ms      | interval: expected at least 100ms",
        "hub: {buffer_bytes: 12QB} | hub.buffer_bytes: expected a size",
        "hub: {buffer_frames: 0}   | hub.buffer_frames: expected a number from 1",
        "hub: {url: 'http://hub'}  | hub.url: expected a WebSocket URL",
        "metrics: {port: 70000}    | metrics.port: expected a number from 0 to 65535",
        "metrics: {enabled: yes please} | metrics.enabled: expected true or false",
        "collectors: {gpu: {backend: cuda}} | collectors.gpu.backend: expected one of auto",
        "collectors: {gpu: {process_interval: 1s}} | collectors.gpu.process_interval: expected at least 10s",
        "collectors: {disk: {include: '(sd'}} | collectors.disk.include: not a valid regular expression",
        "collectors: {cpu: true}   | collectors.cpu: expected a mapping",
        "interval: 1s\\ninterval: 2s | not valid YAML",
      })
  void badValuesNameTheKeyAndTheExpectedForm(String yaml, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse(yaml.replace("\\n", "\n")));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void valuesOverTheDefaults() {
    AgentConfig c =
        loader.parse(
            String.join(
                "\n",
                "interval: 500ms",
                "hostname: gpu-node-07",
                "procfs: /host/proc",
                "collectors:",
                "  cpu:",
                "  disk: {include: 'nvme\\d+n\\d+', exclude: '', whole_devices_only: false}",
                "  gpu: {backend: nvml, nvml_library: /opt/lib/libnvidia-ml.so.1}",
                "  infiniband: {enabled: false}",
                "metrics: {host: 127.0.0.1, port: 0}",
                "hub: {url: 'ws://hub:8080/ingest', buffer_bytes: 1GiB, backoff_max: 2m}",
                "jobs:",
                "  static:",
                "    - id: lab-3",
                "      user: ada",
                "      gpus: [GPU-1, '00000000:1A:00.0']",
                "      attributes: {account: course-101, nodes: 2}",
                ""));
    assertEquals(Duration.ofMillis(500), c.interval());
    assertEquals("gpu-node-07", c.hostname());
    assertEquals(Path.of("/host/proc"), c.procfs());
    assertEquals(Path.of("/sys"), c.sysfs());
    assertTrue(c.cpu().enabled());
    assertTrue(c.disk().accepts("nvme0n1"));
    assertFalse(c.disk().accepts("sda"));
    assertNull(c.disk().exclude());
    assertFalse(c.disk().wholeDevicesOnly());
    assertEquals("nvml", c.gpu().backend());
    assertEquals(Path.of("/opt/lib/libnvidia-ml.so.1"), c.gpu().nvmlLibrary());
    assertFalse(c.infiniband().enabled());
    assertEquals(new MetricsSettings(true, "127.0.0.1", 0), c.metrics());
    assertEquals("ws://hub:8080/ingest", c.hub().url());
    assertEquals(1L << 30, c.hub().bufferBytes());
    assertEquals(Duration.ofMinutes(2), c.hub().backoffMax());
    assertEquals(
        List.of(new StaticJob("lab-3", "ada", "", List.of("GPU-1", "00000000:1A:00.0"),
            Map.of("account", "course-101", "nodes", "2"))),
        c.staticJobs());
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.load(Path.of("no", "such", "agent.yaml")));
    assertEquals("config file " + Path.of("no", "such", "agent.yaml") + " does not exist", e.getMessage());
  }

  @Test
  void anEmptyFileIsTheDefaults() {
    assertEquals(AgentConfig.defaults().hub(), loader.parse("").hub());
  }

  @ParameterizedTest
  @CsvSource({"32MiB,33554432", "512KiB,524288", "1GB,1000000000", "4096,4096", "10 kB,10000"})
  void sizes(String text, long bytes) {
    assertEquals(bytes, ConfigValues.size("k", text));
  }

  @ParameterizedTest
  @CsvSource({"500ms,500", "1s,1000", "2m,120000", "1h,3600000"})
  void durations(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), ConfigValues.duration("k", text));
  }
}
