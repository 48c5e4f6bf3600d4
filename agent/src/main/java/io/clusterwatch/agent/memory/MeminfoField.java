package io.clusterwatch.agent.memory;

import io.clusterwatch.agent.host.Parse;
import java.util.regex.Pattern;

/**
 * One line of {@code /proc/meminfo}.
 *
 * @param key the key as printed, e.g. {@code Active(anon)}
 * @param value the number as printed
 * @param kibibytes true when the line ends in {@code kB}, which the kernel means as KiB (1024
 *     bytes)
 */
record MeminfoField(String key, long value, boolean kibibytes) {
  /** node_exporter's {@code \((.*)\)} to {@code _$1}. */
  private static final Pattern PARENS = Pattern.compile("\\((.*)\\)");

  /**
   * node_exporter's name without {@code node_}: {@code memory_} plus the key with a parenthesised
   * part turned into {@code _part} ({@code Active(anon)} gives {@code Active_anon}), plus {@code
   * _bytes} for kB lines; page counts such as {@code HugePages_Total} keep no unit suffix.
   */
  String metricName() {
    String name = key.indexOf('(') < 0 ? key : PARENS.matcher(key).replaceAll("_$1");
    return "memory_" + name + (kibibytes ? "_bytes" : "");
  }

  /** Bytes for kB lines, the plain count otherwise. */
  double baseValue() {
    double v = Parse.unsignedToDouble(value);
    return kibibytes ? v * 1024.0 : v;
  }
}
