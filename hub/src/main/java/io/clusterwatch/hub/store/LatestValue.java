package io.clusterwatch.hub.store;

/**
 * The newest value of a series.
 *
 * @param timestampMs agent timestamp of the tick
 * @param value gauge value, or the counter's per-second rate (NaN when not yet known or reset)
 * @param rawCounter the counter's raw value times its scale, in the base unit (NaN for gauges)
 */
public record LatestValue(long timestampMs, double value, double rawCounter) {}
