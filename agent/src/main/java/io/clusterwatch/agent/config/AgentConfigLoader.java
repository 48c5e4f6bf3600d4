package io.clusterwatch.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the agent's YAML file (see {@code config/agent.yaml}, which documents every key) over
 * {@link AgentConfig#defaults()}. Safe loading into plain maps only; duplicate keys, unknown keys
 * and ill-typed values stop start-up with a message naming the key.
 */
public final class AgentConfigLoader {
  /** GPU process lists are expensive; the issue asks for no more than one per 10 s. */
  static final Duration MIN_PROCESS_INTERVAL = Duration.ofSeconds(10);

  public AgentConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  public AgentConfig parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object document;
    try {
      document = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new ConfigException("not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    return read(YamlSection.root(document));
  }

  private AgentConfig read(YamlSection root) {
    AgentConfig d = AgentConfig.defaults();
    Duration interval = root.duration("interval", d.interval());
    if (interval.compareTo(ConfigValues.MIN_INTERVAL) < 0) {
      throw new ConfigException(
          "interval: expected at least 100ms, got " + interval.toMillis() + "ms");
    }
    String hostname = root.string("hostname", d.hostname());
    Path procfs = Path.of(root.string("procfs", d.procfs().toString()));
    Path sysfs = Path.of(root.string("sysfs", d.sysfs().toString()));

    YamlSection collectors = root.section("collectors");
    AgentConfig.Toggle cpu = toggle(collectors.section("cpu"), d.cpu());
    AgentConfig.Toggle memory = toggle(collectors.section("memory"), d.memory());
    DeviceFilter disk = filter(collectors.section("disk"), d.disk(), true);
    DeviceFilter network = filter(collectors.section("network"), d.network(), false);
    AgentConfig.Toggle infiniband = toggle(collectors.section("infiniband"), d.infiniband());
    GpuSettings gpu = gpu(collectors.section("gpu"), d.gpu());
    collectors.finish();

    MetricsSettings metrics = metrics(root.section("metrics"), d.metrics());
    HubSettings hub = hub(root.section("hub"), d.hub());

    YamlSection jobs = root.section("jobs");
    List<StaticJob> staticJobs = new ArrayList<>();
    for (YamlSection j : jobs.sections("static")) {
      staticJobs.add(staticJob(j));
    }
    JobSettings jobSettings = jobs(jobs, d.jobs());
    jobs.finish();
    root.finish();
    return new AgentConfig(
        interval, hostname, procfs, sysfs, cpu, memory, disk, network, infiniband, gpu, metrics,
        hub, staticJobs, jobSettings);
  }

  private static JobSettings jobs(YamlSection s, JobSettings d) {
    YamlSection slurm = s.section("slurm");
    String enabled = slurm.autoOrBool("enabled", d.slurm() == JobSettings.Mode.AUTO ? "auto"
        : d.slurm() == JobSettings.Mode.ON ? "true" : "false");
    slurm.finish();
    JobSettings.Mode mode = enabled.equals("auto") ? JobSettings.Mode.AUTO
        : enabled.equals("true") ? JobSettings.Mode.ON : JobSettings.Mode.OFF;
    String spool = s.string("spool_dir", d.spoolDir().toString());
    if (spool.isEmpty()) {
      throw new ConfigException(s.key("spool_dir") + ": expected a directory, got ''");
    }
    String meaning = s.string("gpu_index_meaning", d.gpuIndexMeaning());
    if (!meaning.equals("device_minor") && !meaning.equals("nvml_index")) {
      throw new ConfigException(
          s.key("gpu_index_meaning") + ": expected device_minor or nvml_index, got '" + meaning + "'");
    }
    Duration interval = s.duration("interval", d.interval());
    if (interval.compareTo(JobSettings.MIN_INTERVAL) < 0) {
      throw new ConfigException(
          s.key("interval") + ": expected at least 1s, got " + interval.toMillis() + "ms");
    }
    YamlSection k8s = s.section("kubernetes");
    String socket = k8s.string("pod_resources_socket", d.podResourcesSocket());
    k8s.finish();
    return new JobSettings(mode, Path.of(spool), meaning, interval, socket);
  }

  private static AgentConfig.Toggle toggle(YamlSection s, AgentConfig.Toggle d) {
    AgentConfig.Toggle t = new AgentConfig.Toggle(s.bool("enabled", d.enabled()));
    s.finish();
    return t;
  }

  private static DeviceFilter filter(YamlSection s, DeviceFilter d, boolean disk) {
    boolean enabled = s.bool("enabled", d.enabled());
    var include = s.pattern("include", d.include());
    var exclude = s.pattern("exclude", d.exclude());
    boolean whole = disk ? s.bool("whole_devices_only", d.wholeDevicesOnly()) : d.wholeDevicesOnly();
    s.finish();
    return new DeviceFilter(enabled, include, exclude, whole);
  }

  private static GpuSettings gpu(YamlSection s, GpuSettings d) {
    boolean enabled = s.bool("enabled", d.enabled());
    String backend = ConfigValues.gpuBackend(s.key("backend"), s.string("backend", d.backend()));
    String lib = s.string("nvml_library", d.nvmlLibrary() == null ? "" : d.nvmlLibrary().toString());
    String smi = s.string("nvidia_smi", d.nvidiaSmi());
    Duration callTimeout = s.duration("call_timeout", d.callTimeout());
    Duration processInterval = s.duration("process_interval", d.processInterval());
    if (processInterval.compareTo(MIN_PROCESS_INTERVAL) < 0) {
      throw new ConfigException(
          s.key("process_interval") + ": expected at least 10s, got " + processInterval.toMillis() + "ms");
    }
    if (smi.isEmpty()) {
      throw new ConfigException(s.key("nvidia_smi") + ": expected a command or path, got ''");
    }
    s.finish();
    return new GpuSettings(
        enabled, backend, lib.isEmpty() ? null : Path.of(lib), smi, callTimeout, processInterval);
  }

  private static MetricsSettings metrics(YamlSection s, MetricsSettings d) {
    boolean enabled = s.bool("enabled", d.enabled());
    String host = s.string("host", d.host());
    int port = (int) s.integer("port", d.port(), 0, 65535);
    s.finish();
    return new MetricsSettings(enabled, host, port);
  }

  private static HubSettings hub(YamlSection s, HubSettings d) {
    String url = ConfigValues.hubUrl(s.key("url"), s.string("url", d.url()));
    String token = s.string("token", d.token());
    String agentId = s.string("agent_id", d.agentId());
    int frames = (int) s.integer("buffer_frames", d.bufferFrames(), 1, 10_000_000);
    long bytes = s.size("buffer_bytes", d.bufferBytes());
    Duration initial = s.duration("backoff_initial", d.backoffInitial());
    Duration max = s.duration("backoff_max", d.backoffMax());
    Duration connect = s.duration("connect_timeout", d.connectTimeout());
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(
          s.key("backoff_max") + ": must not be shorter than " + s.key("backoff_initial"));
    }
    s.finish();
    return new HubSettings(url, token, agentId, frames, bytes, initial, max, connect);
  }

  private static StaticJob staticJob(YamlSection s) {
    String id = s.string("id", "");
    if (id.isEmpty()) {
      throw new ConfigException(s.key("id") + ": every static job needs an id");
    }
    StaticJob job =
        new StaticJob(
            id, s.string("user", ""), s.string("name", ""), s.strings("gpus"),
            s.stringMap("attributes"));
    s.finish();
    return job;
  }
}
