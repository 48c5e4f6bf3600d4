package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.CollectorRunner;
import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.config.AgentConfigReader;
import io.clusterwatch.agent.expose.JsonSnapshot;
import io.clusterwatch.agent.expose.TickTextWriter;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.host.HostFactsReader;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.Durations;
import io.clusterwatch.common.config.FlagOverrides;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code clusterwatch-agent}: flags over the YAML file over the defaults, then either one
 * collection printed ({@code --once}) or the running agent until the JVM is stopped.
 */
@Command(
    name = "clusterwatch-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentCommand.Version.class,
    sortOptions = false,
    description =
        "Collects GPU, CPU, memory, disk, network and InfiniBand metrics of this node, "
            + "serves them on /metrics and streams them to the hub.")
final class AgentCommand implements Callable<Integer> {
  /** {@link #call} started the long-running agent; the JVM keeps going. */
  static final int RUNNING = -1;

  enum Format {
    PROMETHEUS,
    JSON
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (every key documented in config/agent.yaml).")
  Path config;

  @Option(
      names = "--procfs",
      paramLabel = "DIR",
      description = "Root of procfs (procfs; default /proc).")
  Path procfs;

  @Option(
      names = "--sysfs",
      paramLabel = "DIR",
      description = "Root of sysfs (sysfs; default /sys).")
  Path sysfs;

  @Option(
      names = "--gpu",
      paramLabel = "BACKEND",
      description = "auto, nvml, nvidia-smi or none (collectors.gpu.backend; default auto).")
  String gpu;

  @Option(
      names = "--nvml-lib",
      paramLabel = "PATH",
      description =
          "Path of libnvidia-ml (collectors.gpu.nvml_library; default: search libnvidia-ml.so.1).")
  Path nvmlLibrary;

  @Option(
      names = "--nvidia-smi",
      paramLabel = "PATH",
      description = "nvidia-smi command for the fallback backend (collectors.gpu.nvidia_smi).")
  String nvidiaSmi;

  @Option(
      names = "--hub",
      paramLabel = "URL",
      description = "Stream to the hub at this WebSocket URL, e.g. ws://hub:8080/ingest (hub.url).")
  String hub;

  @Option(
      names = "--hub-ca",
      paramLabel = "FILE",
      description =
          "CA certificates (PEM) the wss:// hub's certificate must be signed by (hub.ca_file;"
              + " default: the system trust store).")
  Path hubCa;

  @Option(
      names = "--hub-token-file",
      paramLabel = "FILE",
      description =
          "File holding this node's ingest token, kept out of ps and the config (hub.token_file).")
  Path hubTokenFile;

  @Option(
      names = "--hub-cert",
      paramLabel = "FILE",
      description = "Client certificate (PEM) for a hub with mutual TLS (hub.cert_file).")
  Path hubCert;

  @Option(
      names = "--hub-key",
      paramLabel = "FILE",
      description = "Private key (PEM) of --hub-cert (hub.key_file).")
  Path hubKey;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "Sampling interval, e.g. 1s, 500ms, 2m (interval; default 1s).")
  Duration interval;

  @Option(
      names = "--listen",
      paramLabel = "ADDR:PORT",
      converter = ListenConverter.class,
      description =
          "Serve /metrics here (metrics.host, metrics.port; default 0.0.0.0:9477); off switches it off.")
  Listen listen;

  @Option(names = "--no-metrics", description = "Do not serve /metrics (metrics.enabled: false).")
  boolean noMetrics;

  @Option(
      names = "--hostname",
      paramLabel = "NAME",
      description = "Node name sent to the hub and used in labels (hostname).")
  String hostname;

  @Option(
      names = "--once",
      description = "Collect one sample from every enabled collector, print it, exit.")
  boolean once;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output of --once: ${COMPLETION-CANDIDATES} (default prometheus).")
  Format format = Format.PROMETHEUS;

  private static final System.Logger LOG = System.getLogger(AgentMain.class.getName());

  /** Collectors log under their package root, so their lines say where they come from. */
  private static final System.Logger COLLECTOR_LOG =
      System.getLogger("io.clusterwatch.agent.collect");

  private final List<CollectorFactory<?>> factories;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  AgentCommand(List<CollectorFactory<?>> factories, Clock clock, PrintStream out, PrintStream err) {
    this.factories = factories;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** Every flag as the configuration key it stands for. */
  FlagOverrides overrides() {
    FlagOverrides o = new FlagOverrides();
    if (procfs != null) {
      o.set("--procfs", "procfs", procfs.toString());
    }
    if (sysfs != null) {
      o.set("--sysfs", "sysfs", sysfs.toString());
    }
    if (gpu != null) {
      o.set("--gpu", "collectors.gpu.backend", gpu);
      o.set("--gpu", "collectors.gpu.enabled", !gpu.equals("none"));
    }
    if (nvmlLibrary != null) {
      o.set("--nvml-lib", "collectors.gpu.nvml_library", nvmlLibrary.toString());
    }
    if (nvidiaSmi != null) {
      o.set("--nvidia-smi", "collectors.gpu.nvidia_smi", nvidiaSmi);
    }
    if (hub != null) {
      o.set("--hub", "hub.url", hub);
    }
    if (hubCa != null) {
      o.set("--hub-ca", "hub.ca_file", hubCa.toString());
    }
    if (hubTokenFile != null) {
      o.set("--hub-token-file", "hub.token_file", hubTokenFile.toString());
    }
    if (hubCert != null) {
      o.set("--hub-cert", "hub.cert_file", hubCert.toString());
    }
    if (hubKey != null) {
      o.set("--hub-key", "hub.key_file", hubKey.toString());
    }
    if (interval != null) {
      o.set("--interval", "interval", Durations.format(interval));
    }
    if (listen != null) {
      o.set("--listen", "metrics.enabled", listen.on());
      if (listen.on()) {
        o.set("--listen", "metrics.host", listen.host());
        o.set("--listen", "metrics.port", listen.port());
      }
    }
    if (noMetrics) {
      o.set("--no-metrics", "metrics.enabled", false);
    }
    if (hostname != null) {
      o.set("--hostname", "hostname", hostname);
    }
    return o;
  }

  /** The configuration: defaults, the file, then the flags. */
  AgentConfigReader.Configured configuration(CollectorRegistry registry) {
    AgentConfigReader reader = new AgentConfigReader();
    FlagOverrides flags = overrides();
    String source = config == null ? "command line" : config.toString();
    try {
      return reader.bind(flags.applyTo(reader.tree(config)), source, registry);
    } catch (ConfigException e) {
      throw flags.attribute(e);
    }
  }

  @Override
  public Integer call() {
    AgentConfigReader.Configured configured = configuration(new CollectorRegistry(factories));
    var config = configured.config();
    HostPaths paths = new HostPaths(config.procfs(), config.sysfs());
    HostFacts facts = new HostFactsReader(paths, LOG).read(config.hostname());
    List<Collector> collectors;
    try {
      collectors =
          CollectorRegistry.createEnabled(
              configured.collectors(),
              new CollectorContext(paths, clock, facts.hostname(), COLLECTOR_LOG));
    } catch (IllegalArgumentException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      return io.clusterwatch.common.cli.Commands.USAGE;
    }
    if (once) {
      return once(config.interval(), facts, collectors);
    }
    try {
      Agent agent = Agent.start(config, facts, collectors, clock);
      Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
      return RUNNING;
    } catch (IOException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      collectors.forEach(Collector::close);
      return 1;
    }
  }

  private int once(Duration interval, HostFacts facts, List<Collector> collectors) {
    // One tick on this thread; the runner's scheduler is never started (it makes no thread).
    ScheduledExecutorService neverStarted = Executors.newSingleThreadScheduledExecutor();
    try (CollectorRunner runner =
        new CollectorRunner(collectors, clock, System::nanoTime, neverStarted, interval, LOG)) {
      Tick tick = runner.tick();
      if (format == Format.JSON) {
        new JsonSnapshot().write(out, facts.hostname(), tick);
      } else {
        out.writeBytes(new TickTextWriter(facts.hostname()).render(tick));
      }
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("clusterwatch-agent: cannot write the output: " + e.getMessage());
      return 1;
    } finally {
      neverStarted.shutdownNow();
    }
  }

  /** {@code --listen}: an address and port, or off. */
  record Listen(boolean on, String host, int port) {}

  /** {@code HOST:PORT}, {@code :PORT} (all addresses), {@code [v6]:PORT} or {@code off}. */
  static final class ListenConverter implements ITypeConverter<Listen> {
    @Override
    public Listen convert(String text) {
      if (text.trim().equalsIgnoreCase("off")) {
        return new Listen(false, "", 0);
      }
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new TypeConversionException("expected ADDR:PORT or off, got '" + text + "'");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = "0.0.0.0";
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "expected ADDR:PORT with a numeric port, got '" + text + "'");
      }
      if (port < 0 || port > 65535) {
        throw new TypeConversionException("expected a port from 0 to 65535, got " + port);
      }
      return new Listen(true, host, port);
    }
  }

  /** {@code --version}: the jar's version. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clusterwatch-agent " + AgentVersion.get()};
    }
  }
}
