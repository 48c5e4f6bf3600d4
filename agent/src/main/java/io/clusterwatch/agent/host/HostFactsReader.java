package io.clusterwatch.agent.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link HostFacts} under the procfs root: {@code sys/kernel/hostname}, {@code
 * sys/kernel/random/boot_id}, {@code sys/kernel/osrelease}, {@code cpuinfo} and {@code meminfo}. A
 * file that is missing leaves its fact out.
 */
public final class HostFactsReader {
  private final HostPaths paths;
  private final System.Logger log;

  public HostFactsReader(HostPaths paths, System.Logger log) {
    this.paths = paths;
    this.log = log;
  }

  /**
   * @param configuredHostname the {@code hostname} setting; empty means the machine's own
   */
  public HostFacts read(String configuredHostname) {
    String host = configuredHostname;
    if (host == null || host.isEmpty()) {
      host = firstLine(paths.proc("sys", "kernel", "hostname")).orElseGet(this::resolverName);
    }
    String bootId = firstLine(paths.proc("sys", "kernel", "random", "boot_id")).orElse("");
    Map<String, String> attributes = new LinkedHashMap<>();
    firstLine(paths.proc("sys", "kernel", "osrelease")).ifPresent(k -> attributes.put("kernel", k));
    lines(paths.proc("cpuinfo")).ifPresent(l -> attributes.putAll(parseCpuinfo(l)));
    lines(paths.proc("meminfo"))
        .flatMap(HostFactsReader::parseMemTotalBytes)
        .ifPresent(b -> attributes.put("memory_total_bytes", Long.toString(b)));
    return new HostFacts(host, bootId, attributes);
  }

  private String resolverName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      log.log(System.Logger.Level.WARNING, "cannot find this machine's host name: " + e);
      return "localhost";
    }
  }

  /** {@code cpu_count} (processor entries) and {@code cpu_model} (first model name). */
  static Map<String, String> parseCpuinfo(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    int count = 0;
    String model = null;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      if (key.equals("processor")) {
        count++;
      } else if (model == null && key.equals("model name")) {
        model = line.substring(colon + 1).trim();
      }
    }
    if (count > 0) {
      out.put("cpu_count", Integer.toString(count));
    }
    if (model != null && !model.isEmpty()) {
      out.put("cpu_model", model);
    }
    return out;
  }

  /** {@code MemTotal} in bytes; meminfo's "kB" are KiB. */
  static Optional<Long> parseMemTotalBytes(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("MemTotal:")) {
        String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
        try {
          long v = Long.parseLong(f[0]);
          return Optional.of(f.length > 1 && f[1].equals("kB") ? v * 1024 : v);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> firstLine(Path file) {
    return lines(file)
        .flatMap(l -> l.isEmpty() ? Optional.empty() : Optional.of(l.get(0).trim()))
        .filter(s -> !s.isEmpty());
  }

  private Optional<List<String>> lines(Path file) {
    try {
      return Optional.of(Files.readAllLines(file));
    } catch (IOException e) {
      log.log(System.Logger.Level.DEBUG, "cannot read " + file + ": " + e);
      return Optional.empty();
    }
  }
}
