package io.clusterwatch.agent.expose;

import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.exposition.DcgmFamilies;
import io.clusterwatch.protocol.exposition.DcgmFamily;
import io.clusterwatch.protocol.exposition.ExpositionNames;

/**
 * Where the series of one internal metric go in the Prometheus text, under the names users already
 * scrape:
 *
 * <ul>
 *   <li>host series ({@code cpu_}, {@code memory_}, {@code disk_}, {@code network_}, {@code
 *       infiniband_}, {@code pressure_}) as {@code node_<name>} with node_exporter's labels, types
 *       and HELP; counters as raw times scale, i.e. in the base unit;
 *   <li>GPU series dcgm-exporter has as its {@code DCGM_FI_*} names and units, with the labels of
 *       {@link DcgmLabels};
 *   <li>everything else (XID counts per code, collector health, staleness, shipper counters) as
 *       {@code clusterwatch_<name>} with its own labels.
 * </ul>
 *
 * <p>dcgm-exporter declares some families counters whose names lack {@code _total}; the Prometheus
 * text format cannot carry a counter without that suffix, so those keep their exact name and are
 * written untyped (Prometheus stores untyped samples like gauges; {@code rate()} works on them).
 *
 * @param family the family's name as written (a counter's without its {@code _total})
 * @param kind the family's type
 * @param help its HELP text
 * @param factor what the base-unit value is multiplied by (dcgm-exporter's units)
 * @param dcgm whether the series take dcgm-exporter's labels
 */
record FamilyTarget(
    String family, FamilyTarget.Kind kind, String help, double factor, boolean dcgm) {
  static final String HOST_PREFIX = ExpositionNames.NODE_PREFIX;
  static final String OWN_PREFIX = ExpositionNames.OWN_PREFIX;
  static final String TICK_TIMESTAMP = "clusterwatch_agent_tick_timestamp_seconds";

  /** The family holding the age of every value; written when no sample has its name. */
  static final FamilyTarget TICK =
      new FamilyTarget(
          TICK_TIMESTAMP,
          Kind.GAUGE,
          "When the agent's latest collection ran, in seconds since the Unix epoch; "
              + "time() minus this is the age of every value here.",
          1,
          false);

  /** A family's type, as the text format's {@code # TYPE} line names it. */
  enum Kind {
    COUNTER("counter"),
    GAUGE("gauge"),
    UNTYPED("untyped");

    final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }
  }

  /** The target of {@code metric}; the type of its first sample decides counter or gauge. */
  static FamilyTarget of(String metric, MetricType type) {
    Kind kind = type == MetricType.COUNTER ? Kind.COUNTER : Kind.GAUGE;
    if (ExpositionNames.isNodeExporter(metric)) {
      return new FamilyTarget(HOST_PREFIX + metric, kind, NodeExporterHelp.help(metric), 1, false);
    }
    DcgmFamily dcgm = DcgmFamilies.of(metric);
    if (dcgm != null) {
      return new FamilyTarget(
          dcgm.name(),
          dcgm.counter() ? Kind.UNTYPED : Kind.GAUGE,
          dcgm.help(),
          dcgm.factor(),
          true);
    }
    return new FamilyTarget(OWN_PREFIX + metric, kind, OwnHelp.help(metric), 1, false);
  }

  /** The value in the base unit times {@code factor}; counters are raw times scale. */
  static double baseValue(Sample s, double factor) {
    if (s.type() == MetricType.GAUGE) {
      return ExpositionNames.scaled(s.gaugeValue(), factor);
    }
    return ExpositionNames.scaled(Sample.unsignedToDouble(s.counterValue()), s.scale() * factor);
  }
}
