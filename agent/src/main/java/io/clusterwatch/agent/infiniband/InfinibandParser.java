package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the text of one InfiniBand device's sysfs files into samples (kernel {@code
 * Documentation/ABI/stable/sysfs-class-infiniband}, {@code drivers/infiniband/core/sysfs.c}). Pure:
 * no I/O.
 *
 * <p>Counter values are sent as read. The legacy 32-bit PortCounters saturate at 2^32-1 instead of
 * wrapping (a port_xmit_wait of 4294967295 means "at least that many"); such a value is sent as it
 * is, as node_exporter does, and rates over a saturated counter read 0. A file reading {@code N/A
 * (no PMA)} (adapters without a performance management agent, such as i40iw) gives no sample.
 */
final class InfinibandParser {
  /** 1 Gb/s in bytes per second. */
  private static final double BYTES_PER_GBIT = 125_000_000.0;

  private InfinibandParser() {}

  static List<Sample> samples(IbDeviceFiles device) throws HostFileFormatException {
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.gauge("infiniband_info", infoLabels(device), 1.0));
    for (IbPortFiles port : device.ports()) {
      addPort(samples, device.name(), port);
    }
    return samples;
  }

  private static Labels infoLabels(IbDeviceFiles device) {
    // A missing or empty attribute is left out: in Prometheus an empty label value and no label
    // are the same series.
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("device", device.name());
    device.boardId().filter(s -> !s.isEmpty()).ifPresent(v -> labels.put("board_id", v));
    device
        .firmwareVersion()
        .filter(s -> !s.isEmpty())
        .ifPresent(v -> labels.put("firmware_version", v));
    device.hcaType().filter(s -> !s.isEmpty()).ifPresent(v -> labels.put("hca_type", v));
    return Labels.of(labels);
  }

  private static void addPort(List<Sample> samples, String device, IbPortFiles port)
      throws HostFileFormatException {
    if (!port.port().chars().allMatch(Character::isDigit) || port.port().isEmpty()) {
      throw new HostFileFormatException(port.dir() + ": port directory name is not a number");
    }
    Labels labels = Labels.of("device", device, "port", port.port());
    samples.add(
        Sample.gauge(
            "infiniband_state_id",
            labels,
            stateId(required(port.state(), port, "state"), file(port, "state"))));
    samples.add(
        Sample.gauge(
            "infiniband_physical_state_id",
            labels,
            stateId(required(port.physState(), port, "phys_state"), file(port, "phys_state"))));
    samples.add(
        Sample.gauge(
            "infiniband_rate_bytes_per_second",
            labels,
            rateBytesPerSecond(required(port.rate(), port, "rate"), file(port, "rate"))));
    port.linkLayer()
        .filter(s -> !s.isEmpty())
        .ifPresent(
            layer ->
                samples.add(
                    Sample.gauge("infiniband_port_info", labels.with("link_layer", layer), 1.0)));
    addCounters(samples, labels, port.counters(), IbCounterNames.COUNTERS, port, "counters");
    addCounters(
        samples, labels, port.countersExt(), IbCounterNames.COUNTERS_EXT, port, "counters_ext");
    for (Map.Entry<String, String> e : port.hwCounters().entrySet()) {
      String name = e.getKey();
      if (IbCounterNames.isNotACounter(name)) {
        continue;
      }
      OptionalLong value = counter(e.getValue(), port, "hw_counters", name);
      if (value.isEmpty()) {
        continue;
      }
      IbCounter known = IbCounterNames.HW_COUNTERS.get(name);
      if (known != null) {
        samples.add(Sample.counter(known.metric(), labels, value.getAsLong(), known.scale()));
      } else {
        samples.add(
            Sample.counter(
                IbCounterNames.OTHER_HW_COUNTER, labels.with("counter", name), value.getAsLong()));
      }
    }
  }

  private static void addCounters(
      List<Sample> samples,
      Labels labels,
      Map<String, String> files,
      Map<String, IbCounter> table,
      IbPortFiles port,
      String dir)
      throws HostFileFormatException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      IbCounter counter = table.get(e.getKey());
      if (counter == null) {
        continue;
      }
      OptionalLong value = counter(e.getValue(), port, dir, e.getKey());
      if (value.isPresent()) {
        samples.add(Sample.counter(counter.metric(), labels, value.getAsLong(), counter.scale()));
      }
    }
  }

  /**
   * The number before the colon of {@code state}/{@code phys_state}, e.g. 4 for {@code 4: ACTIVE}.
   */
  static long stateId(String text, String file) throws HostFileFormatException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new HostFileFormatException(file + ": expected '<id>: <NAME>', got '" + text + "'");
    }
    return Parse.unsignedLong(text.substring(0, colon).strip(), file);
  }

  /**
   * The {@code rate} file in bytes per second: {@code <N>[.M] Gb/sec (...)} times 125,000,000, as
   * procfs and node_exporter compute it ({@code 40 Gb/sec (4X QDR)} gives 5e9).
   */
  static double rateBytesPerSecond(String text, String file) throws HostFileFormatException {
    String[] f = Parse.fields(text);
    if (f.length < 2 || !f[1].equals("Gb/sec")) {
      throw new HostFileFormatException(file + ": expected '<N> Gb/sec (...)', got '" + text + "'");
    }
    return Parse.decimal(f[0], file, Parse.NO_LINE) * BYTES_PER_GBIT;
  }

  /**
   * A counter file's value; empty for {@code N/A (no PMA)}, what the kernel prints when the adapter
   * has no performance management agent (any {@code N/A} text is taken the same way).
   */
  static OptionalLong counter(String text, String file) throws HostFileFormatException {
    if (text.startsWith("N/A")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Parse.unsignedLong(text, file));
  }

  /**
   * {@link #counter(String, String)} of the port's file {@code dir/name}, whose path is made only
   * for the error of a bad value: 60 to 80 counters a collection need no path otherwise.
   */
  private static OptionalLong counter(String text, IbPortFiles port, String dir, String name)
      throws HostFileFormatException {
    try {
      return counter(text, "");
    } catch (HostFileFormatException e) {
      return counter(text, file(port, dir + "/" + name)); // fails again, naming the file
    }
  }

  private static String required(Optional<String> text, IbPortFiles port, String name)
      throws HostFileFormatException {
    return text.orElseThrow(
        () -> new HostFileFormatException(file(port, name) + ": missing, every port has one"));
  }

  private static String file(IbPortFiles port, String name) {
    return port.dir().resolve(name).toString();
  }
}
