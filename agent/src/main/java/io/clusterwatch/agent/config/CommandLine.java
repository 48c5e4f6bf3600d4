package io.clusterwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The agent's flags. Parsing checks every value at once and keeps the overrides in order; {@link
 * #applyTo} lays them over the configuration read from {@code --config} (or the defaults).
 *
 * @param configFile {@code --config}, or null
 * @param once {@code --once}: collect once, print, exit
 * @param format {@code --format}: prometheus or json
 * @param help {@code --help}
 * @param overrides flag values to lay over the configuration, in command-line order
 */
public record CommandLine(
    Path configFile,
    boolean once,
    String format,
    boolean help,
    List<UnaryOperator<AgentConfig>> overrides) {

  public static final String USAGE =
      String.join(
          "\n",
          "Usage: clusterwatch-agent [FLAGS]",
          "",
          "  --config FILE          YAML configuration (every key documented in config/agent.yaml)",
          "  --procfs DIR           root of procfs (default /proc)",
          "  --sysfs DIR            root of sysfs (default /sys)",
          "  --gpu BACKEND          auto | nvml | nvidia-smi | none (default auto)",
          "  --nvml-lib PATH        path of libnvidia-ml (default: search libnvidia-ml.so.1)",
          "  --nvidia-smi PATH      nvidia-smi command for the fallback backend",
          "  --hub URL              stream to the hub at this WebSocket URL, e.g. ws://hub:8080/ingest",
          "  --interval DURATION    sampling interval, e.g. 1s, 500ms, 2m (default 1s)",
          "  --listen ADDR:PORT     serve /metrics here (default 0.0.0.0:9477); 'off' switches it off",
          "  --no-metrics           do not serve /metrics",
          "  --hostname NAME        node name sent to the hub and used in labels",
          "  --once                 collect one sample from every enabled collector, print, exit",
          "  --format FORMAT        output of --once: prometheus | json (default prometheus)",
          "  --help                 print this help and exit",
          "");

  public CommandLine {
    overrides = List.copyOf(overrides);
  }

  /**
   * Parses {@code --flag value} and {@code --flag=value} forms.
   *
   * @throws ConfigException naming the flag and what was expected
   */
  public static CommandLine parse(String... args) {
    Path config = null;
    boolean once = false;
    boolean help = false;
    String format = "prometheus";
    List<UnaryOperator<AgentConfig>> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--once":
          once = true;
          break;
        case "--no-metrics":
          overrides.add(c -> ConfigOverrides.metricsOff(c));
          break;
        default:
          String value;
          if (inline != null) {
            value = inline;
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new ConfigException(knownFlag(flag) + " needs a value");
          }
          switch (flag) {
            case "--config":
              config = Path.of(nonEmpty(flag, value));
              break;
            case "--format":
              format = format(value);
              break;
            default:
              overrides.add(override(flag, value));
              break;
          }
      }
    }
    return new CommandLine(config, once, format, help, overrides);
  }

  private static UnaryOperator<AgentConfig> override(String flag, String value) {
    switch (flag) {
      case "--procfs":
        Path proc = Path.of(nonEmpty(flag, value));
        return c -> ConfigOverrides.procfs(c, proc);
      case "--sysfs":
        Path sys = Path.of(nonEmpty(flag, value));
        return c -> ConfigOverrides.sysfs(c, sys);
      case "--gpu":
        String backend = ConfigValues.gpuBackend(flag, value);
        return c -> ConfigOverrides.gpuBackend(c, backend);
      case "--nvml-lib":
        Path lib = Path.of(nonEmpty(flag, value));
        return c -> ConfigOverrides.nvmlLibrary(c, lib);
      case "--nvidia-smi":
        String smi = nonEmpty(flag, value);
        return c -> ConfigOverrides.nvidiaSmi(c, smi);
      case "--hub":
        String url = ConfigValues.hubUrl(flag, nonEmpty(flag, value));
        return c -> ConfigOverrides.hubUrl(c, url);
      case "--interval":
        Duration interval = ConfigValues.interval(flag, value);
        return c -> ConfigOverrides.interval(c, interval);
      case "--listen":
        if (value.trim().equalsIgnoreCase("off")) {
          return ConfigOverrides::metricsOff;
        }
        HostPort listen = HostPort.parse(flag, value);
        return c -> ConfigOverrides.listen(c, listen.host(), listen.port());
      case "--hostname":
        String name = nonEmpty(flag, value);
        return c -> ConfigOverrides.hostname(c, name);
      default:
        throw new ConfigException("unknown flag " + flag + " (see --help)");
    }
  }

  private static String knownFlag(String flag) {
    if (List.of("--config", "--format", "--procfs", "--sysfs", "--gpu", "--nvml-lib",
            "--nvidia-smi", "--hub", "--interval", "--listen", "--hostname").contains(flag)) {
      return flag;
    }
    throw new ConfigException("unknown flag " + flag + " (see --help)");
  }

  private static String nonEmpty(String flag, String value) {
    if (value.isBlank()) {
      throw new ConfigException(flag + ": expected a value, got ''");
    }
    return value;
  }

  private static String format(String value) {
    String f = value.toLowerCase(Locale.ROOT);
    if (f.equals("prometheus") || f.equals("json")) {
      return f;
    }
    throw new ConfigException("--format: expected prometheus or json, got '" + value + "'");
  }

  /** The configuration with every flag applied in order. */
  public AgentConfig applyTo(AgentConfig config) {
    AgentConfig c = config;
    for (UnaryOperator<AgentConfig> o : overrides) {
      c = o.apply(c);
    }
    return c;
  }

  /** {@code HOST:PORT}, {@code :PORT} (all addresses) or {@code [v6]:PORT}. */
  record HostPort(String host, int port) {
    static HostPort parse(String flag, String text) {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new ConfigException(flag + ": expected ADDR:PORT or off, got '" + text + "'");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = "0.0.0.0";
      }
      long port;
      try {
        port = Long.parseLong(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new ConfigException(flag + ": expected ADDR:PORT with a numeric port, got '" + text + "'");
      }
      return new HostPort(host, ConfigValues.port(flag, port));
    }
  }
}
