package io.clusterwatch.protocol.exposition;

/**
 * How one internal GPU series is exposed under dcgm-exporter's name.
 *
 * @param name the dcgm-exporter metric name, verbatim
 * @param help dcgm-exporter's HELP text ({@code etc/default-counters.csv})
 * @param factor multiplies the value in the internal base unit into dcgm-exporter's unit
 * @param counter true for families dcgm-exporter declares as counters
 */
public record DcgmFamily(String name, String help, double factor, boolean counter) {}
