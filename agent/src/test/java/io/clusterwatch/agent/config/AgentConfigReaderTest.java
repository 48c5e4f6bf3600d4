package io.clusterwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.ConfiguredCollector;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.agent.cpu.CpuSettings;
import io.clusterwatch.agent.disk.DiskSettings;
import io.clusterwatch.agent.expose.MetricsSettings;
import io.clusterwatch.agent.gpu.GpuSettings;
import io.clusterwatch.agent.infiniband.InfinibandSettings;
import io.clusterwatch.agent.jobs.JobSettings;
import io.clusterwatch.agent.jobs.StaticJob;
import io.clusterwatch.agent.network.NetworkSettings;
import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigReaderTest {
  private final AgentConfigReader reader = new AgentConfigReader();
  private final CollectorRegistry registry = new CollectorRegistry(DefaultCollectors.factories());

  private AgentConfigReader.Configured read(String yaml) {
    return reader.read(yaml.replace("\\n", "\n"), "agent.yaml", registry);
  }

  /** The shipped, documented file must load and say exactly what the code's defaults say. */
  @Test
  void shippedConfigLoadsAndEqualsTheDefaults() {
    AgentConfigReader.Configured shipped =
        reader.bind(reader.tree(Path.of("..", "config", "agent.yaml")), "agent.yaml", registry);
    AgentConfigReader.Configured defaults = read("");
    AgentConfig s = shipped.config();
    AgentConfig d = defaults.config();
    assertEquals(d.interval(), s.interval());
    assertEquals(d.hostname(), s.hostname());
    assertEquals(d.procfs(), s.procfs());
    assertEquals(d.sysfs(), s.sysfs());
    assertEquals(d.metrics(), s.metrics());
    assertEquals(d.hub(), s.hub());
    assertEquals(d.jobs(), s.jobs());
    assertEquals(text(defaults), text(shipped), "every collector's settings");
  }

  /** Patterns compare by identity, so settings are compared as text. */
  private static List<String> text(AgentConfigReader.Configured c) {
    return c.collectors().stream()
        .map(ConfiguredCollector::settings)
        .map(Object::toString)
        .collect(Collectors.toList());
  }

  @Test
  void everyRegisteredCollectorHasItsSectionEvenWhenAbsent() {
    assertEquals(
        List.of("cpu", "memory", "pressure", "disk", "network", "infiniband", "gpu", "job_cgroups"),
        read("").collectors().stream().map(ConfiguredCollector::name).collect(Collectors.toList()));
  }

  @Test
  void valuesOverTheDefaults() {
    AgentConfigReader.Configured c =
        read(
            String.join(
                "\n",
                "interval: 500ms",
                "hostname: gpu-node-07",
                "procfs: /host/proc",
                "collectors:",
                "  cpu:",
                "  disk: {include: 'nvme\\d+n\\d+(p\\d+)?', exclude: '', whole_devices_only: false}",
                "  network: {exclude: 'lo'}",
                "  gpu: {backend: nvml, nvml_library: /opt/lib/libnvidia-ml.so.1}",
                "  infiniband: {enabled: false}",
                "metrics: {host: 127.0.0.1, port: 0}",
                "hub: {url: 'ws://hub:8080/ingest', buffer_size: 1GiB, backoff_max: 2m}",
                "jobs:",
                "  slurm: {enabled: true}",
                "  spool_dir: /tmp/spool",
                "  gpu_index_meaning: nvml_index",
                "  interval: 3s",
                "  kubernetes: {pod_resources_socket: /var/lib/kubelet/pod-resources/kubelet.sock}",
                "  static:",
                "    - id: lab-3",
                "      user: ada",
                "      gpus: [GPU-1, '00000000:1A:00.0']",
                "      attributes: {account: course-101, nodes: '2'}",
                ""));
    AgentConfig a = c.config();
    assertEquals(Duration.ofMillis(500), a.interval());
    assertEquals("gpu-node-07", a.hostname());
    assertEquals(Path.of("/host/proc"), a.procfs());
    assertEquals(Path.of("/sys"), a.sysfs());
    assertTrue(c.collector("cpu", CpuSettings.class).enabled());
    DiskSettings disk = c.collector("disk", DiskSettings.class);
    assertTrue(disk.filter().accepts("nvme0n1"));
    assertFalse(disk.filter().accepts("sda"));
    assertTrue(disk.filter().accepts("nvme0n1p1"), "an empty exclude leaves nothing out");
    assertFalse(disk.wholeDevicesOnly());
    NetworkSettings network = c.collector("network", NetworkSettings.class);
    assertFalse(network.filter().accepts("lo"));
    assertTrue(network.filter().accepts("docker0"), "exclude replaces the default");
    GpuSettings gpu = c.collector("gpu", GpuSettings.class);
    assertEquals("nvml", gpu.backend());
    assertEquals(Path.of("/opt/lib/libnvidia-ml.so.1"), gpu.nvmlLibrary());
    assertFalse(c.collector("infiniband", InfinibandSettings.class).enabled());
    assertEquals(new MetricsSettings(true, "127.0.0.1", 0), a.metrics());
    assertEquals("ws://hub:8080/ingest", a.hub().url());
    assertEquals(ByteSize.ofGiB(1), a.hub().bufferSize());
    assertEquals(Duration.ofMinutes(2), a.hub().backoffMax());
    assertEquals(
        new JobSettings(
            JobSettings.Mode.ON,
            Path.of("/tmp/spool"),
            "nvml_index",
            Duration.ofSeconds(3),
            "/var/lib/kubelet/pod-resources/kubelet.sock",
            List.of(
                new StaticJob(
                    "lab-3",
                    "ada",
                    "",
                    List.of("GPU-1", "00000000:1A:00.0"),
                    Map.of("account", "course-101", "nodes", "2")))),
        a.jobs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true  | ON",
        "false | OFF",
        "auto  | AUTO",
      })
  void slurmIsAutoTrueOrFalse(String enabled, JobSettings.Mode mode) {
    assertEquals(mode, read("jobs: {slurm: {enabled: " + enabled + "}}").config().jobs().slurm());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true  | ON",
        "false | OFF",
        "auto  | AUTO",
      })
  void squeueListingIsAutoTrueOrFalse(String squeue, JobSettings.Mode mode) {
    assertEquals(mode, read("jobs: {slurm: {squeue: " + squeue + "}}").config().jobs().squeue());
    assertEquals(
        JobSettings.Mode.AUTO, read("jobs: {slurm: {enabled: true}}").config().jobs().squeue());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "interval: 1 | agent.yaml: interval: '1' is not a duration (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d)",
        "interval: 50ms | agent.yaml: interval: must be at least 100ms, got 50ms",
        "intreval: 2s | agent.yaml: intreval: unknown key (known keys here: collectors, hostname, hub, interval, jobs, metrics, procfs, sysfs)",
        "interval: 1s\\ninterval: 2s | agent.yaml: not valid YAML at line 2: Duplicate field 'interval'",
        "hub: {buffer_size: 12QB} | agent.yaml: hub.buffer_size: '12QB' is not a byte size (bytes, or a whole number with KiB, MiB, GiB or TiB: 512KiB, 32MiB)",
        "hub: {buffer_size: 32MB} | agent.yaml: hub.buffer_size: '32MB' is not a byte size (bytes, or a whole number with KiB, MiB, GiB or TiB: 512KiB, 32MiB); sizes use binary units (KiB, MiB, GiB)",
        "hub: {buffer_bytes: 1024} | agent.yaml: hub.buffer_bytes: this key was renamed: write hub.buffer_size (a byte size, e.g. 32MiB) instead",
        "hub: {buffer_frames: 0} | agent.yaml: hub.buffer_frames: must be between 1 and 10000000, got 0",
        "hub: {url: 'http://hub'} | agent.yaml: hub.url: expected a WebSocket URL like ws://hub:8080/ingest, got 'http://hub'",
        "hub: {backoff_initial: 1m, backoff_max: 1s} | agent.yaml: hub.backoff_max: must not be shorter than backoff_initial",
        "metrics: {port: 70000} | agent.yaml: metrics.port: must be between 0 and 65535, got 70000",
        "metrics: {enabled: yes please} | agent.yaml: metrics.enabled: expected true or false, got 'yes please'",
        "collectors: {gpu: {backend: cuda}} | agent.yaml: collectors.gpu.backend: expected one of auto, nvml, nvidia-smi, none, got 'cuda'",
        "collectors: {gpu: {process_interval: 1s}} | agent.yaml: collectors.gpu.process_interval: must be at least 10s, got 1s",
        "collectors: {gpu: {nvidia_smi: ''}} | agent.yaml: collectors.gpu.nvidia_smi: is required",
        "collectors: {disk: {include: '(sd'}} | agent.yaml: collectors.disk.include: not a valid regular expression: Unclosed group in '(sd'",
        "collectors: {disk: {exlude: sda}} | agent.yaml: collectors.disk.exlude: unknown key (known keys here: enabled, exclude, include, whole_devices_only)",
        "collectors: {network: {whole_devices_only: true}} | agent.yaml: collectors.network.whole_devices_only: unknown key (known keys here: enabled, exclude, include)",
        "collectors: {cpu: true} | agent.yaml: collectors.cpu: expected a mapping of keys to values, got 'true'",
        "collectors: {nvlink: {enabled: true}} | agent.yaml: collectors.nvlink: unknown collector (known collectors: cpu, memory, pressure, disk, network, infiniband, gpu, job_cgroups)",
        "collectors: {job_cgroups: {max_jobs: 0}} | agent.yaml: collectors.job_cgroups.max_jobs: must be a positive number, got 0",
        "jobs: {slurm: {enabled: maybe}} | agent.yaml: jobs.slurm.enabled: expected auto, true or false, got 'maybe'",
        "jobs: {slurm: {enable: true}} | agent.yaml: jobs.slurm.enable: unknown key (known keys here: enabled, squeue)",
        "jobs: {slurm: {squeue: sometimes}} | agent.yaml: jobs.slurm.squeue: expected auto, true or false, got 'sometimes'",
        "jobs: {gpu_index_meaning: pci} | agent.yaml: jobs.gpu_index_meaning: expected one of device_minor, nvml_index, got 'pci'",
        "jobs: {interval: 100ms} | agent.yaml: jobs.interval: must be at least 1s, got 100ms",
        "jobs: {spool: /x} | agent.yaml: jobs.spool: unknown key (known keys here: gpu_index_meaning, interval, kubernetes, slurm, spool_dir, static)",
        "jobs: {kubernetes: {socket: /x}} | agent.yaml: jobs.kubernetes.socket: unknown key (known keys here: pod_resources_socket)",
        "jobs: {static: [{id: a}, {id: b, gpu: [x]}]} | agent.yaml: jobs.static[1].gpu: unknown key (known keys here: attributes, gpus, id, name, user)",
        "jobs: {static: [{user: ada}]} | agent.yaml: jobs.static[0].id: is required",
      })
  void badValuesNameTheFileTheKeyAndTheExpectedForm(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    assertEquals(message, e.getMessage());
  }
}
