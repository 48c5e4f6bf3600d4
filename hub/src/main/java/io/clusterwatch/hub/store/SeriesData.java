package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;

/**
 * Points of one series. Arrays have equal length; NaN marks a gap. For the raw tier min, avg and
 * max are the same array.
 *
 * @param unit the series' base unit; counters' values are that unit per second
 * @param stepMs the width of each point: the raw step or a rollup step, times the number of buckets
 *     merged when even the coarsest tier has more than {@code maxPoints}
 * @param timestampsMs start of each point's interval
 */
public record SeriesData(
    String host,
    SeriesKey key,
    String unit,
    long stepMs,
    long[] timestampsMs,
    double[] min,
    double[] avg,
    double[] max) {}
