package io.clusterwatch.agent.gpu.smi;

import io.clusterwatch.agent.gpu.GpuCounter;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuIdentity;
import io.clusterwatch.agent.gpu.GpuReading;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses {@code nvidia-smi --query-gpu=<FIELDS> --format=csv,noheader,nounits}: one row per GPU,
 * values separated by {@code ", "}. Any bracketed value ({@code [N/A]}, {@code [Not Supported]},
 * {@code [Unknown Error]}, {@code [GPU requires reset]}, {@code [Insufficient Permissions]}, {@code
 * [Requested functionality has been deprecated]}, ...) means the value is absent, as does any value
 * that is not a number where a number belongs. Units (nvidia-smi's) are converted to base units: %
 * to 0..1, MiB to bytes, MHz to hertz; watts and degrees C stay.
 */
public final class NvidiaSmiCsvParser {
  /** A gauge column: its query field, our gauge, and the factor to the base unit. */
  private record GaugeColumn(String field, GpuGauge gauge, double factor) {}

  private static final double MIB = 1024.0 * 1024.0;

  private static final List<GaugeColumn> GAUGES =
      List.of(
          new GaugeColumn("utilization.gpu", GpuGauge.UTILIZATION, 0.01),
          new GaugeColumn("utilization.memory", GpuGauge.MEMORY_UTILIZATION, 0.01),
          new GaugeColumn("memory.total", GpuGauge.MEMORY_TOTAL, MIB),
          new GaugeColumn("memory.used", GpuGauge.MEMORY_USED, MIB),
          new GaugeColumn("memory.free", GpuGauge.MEMORY_FREE, MIB),
          new GaugeColumn("temperature.gpu", GpuGauge.TEMPERATURE, 1.0),
          new GaugeColumn("power.draw", GpuGauge.POWER, 1.0),
          new GaugeColumn("enforced.power.limit", GpuGauge.POWER_LIMIT, 1.0),
          new GaugeColumn("clocks.current.sm", GpuGauge.SM_CLOCK, 1e6),
          new GaugeColumn("clocks.current.memory", GpuGauge.MEMORY_CLOCK, 1e6));

  private static final String[] IDENTITY = {"index", "uuid", "name", "pci.bus_id"};
  private static final String REASONS = "clocks_event_reasons.active";
  private static final String ECC_CORRECTED = "ecc.errors.corrected.volatile.total";
  private static final String ECC_UNCORRECTED = "ecc.errors.uncorrected.volatile.total";
  private static final String MIG_MODE = "mig.mode.current";

  /** The fields to query, in column order. */
  public static final List<String> FIELDS = fields();

  private NvidiaSmiCsvParser() {}

  private static List<String> fields() {
    List<String> fields = new ArrayList<>(List.of(IDENTITY));
    GAUGES.forEach(g -> fields.add(g.field()));
    fields.addAll(List.of(REASONS, ECC_CORRECTED, ECC_UNCORRECTED, MIG_MODE));
    return List.copyOf(fields);
  }

  /** The {@code --query-gpu=} argument. */
  public static String queryArgument() {
    return "--query-gpu=" + String.join(",", FIELDS);
  }

  /**
   * One reading per non-blank line.
   *
   * @throws IllegalArgumentException when a line has the wrong number of columns or no index,
   *     naming the line
   */
  public static List<GpuReading> parse(String output) {
    List<GpuReading> readings = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        // only the line end goes: a last column can be empty, leaving the line ending in ", "
        readings.add(parseLine(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
      }
    }
    return readings;
  }

  static GpuReading parseLine(String line) {
    String[] values = line.split(", ", -1);
    if (values.length != FIELDS.size()) {
      throw new IllegalArgumentException(
          "nvidia-smi row has "
              + values.length
              + " columns, expected "
              + FIELDS.size()
              + ": "
              + line);
    }
    OptionalLong index = integer(values[0]);
    if (index.isEmpty()) {
      throw new IllegalArgumentException("nvidia-smi row without a GPU index: " + line);
    }
    GpuIdentity identity =
        new GpuIdentity(
            (int) index.getAsLong(),
            text(values[1]),
            text(values[3]),
            text(values[2]),
            OptionalInt.empty());
    GpuReading.Builder reading = new GpuReading.Builder(identity);
    int column = IDENTITY.length;
    for (GaugeColumn gauge : GAUGES) {
      OptionalDouble value = number(values[column++]);
      if (value.isPresent()) {
        reading.gauge(gauge.gauge(), value.getAsDouble() * gauge.factor());
      }
    }
    OptionalLong reasons = hex(values[column++]);
    reasons.ifPresent(mask -> reading.gauge(GpuGauge.CLOCK_EVENT_REASONS, (double) mask));
    integer(values[column++]).ifPresent(n -> reading.counter(GpuCounter.ECC_CORRECTED, n));
    integer(values[column++]).ifPresent(n -> reading.counter(GpuCounter.ECC_UNCORRECTED, n));
    String mig = values[column].strip();
    if (mig.equals("Enabled")) {
      reading.gauge(GpuGauge.MIG_MODE, 1.0);
    } else if (mig.equals("Disabled")) {
      reading.gauge(GpuGauge.MIG_MODE, 0.0);
    }
    return reading.build();
  }

  /** True for nvidia-smi's bracketed placeholders, which mean "no value". */
  static boolean placeholder(String value) {
    String v = value.strip();
    return v.startsWith("[") && v.endsWith("]");
  }

  private static String text(String value) {
    return placeholder(value) ? "" : value.strip();
  }

  static OptionalDouble number(String value) {
    String v = value.strip();
    if (v.isEmpty() || placeholder(v)) {
      return OptionalDouble.empty();
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Character.isDigit(c) || c == '.' || (c == '-' && i == 0))) {
        return OptionalDouble.empty();
      }
    }
    try {
      return OptionalDouble.of(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  static OptionalLong integer(String value) {
    String v = value.strip();
    if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v));
  }

  static OptionalLong hex(String value) {
    String v = value.strip();
    if (!(v.startsWith("0x") || v.startsWith("0X")) || v.length() < 3 || v.length() > 18) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseUnsignedLong(v.substring(2), 16));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
