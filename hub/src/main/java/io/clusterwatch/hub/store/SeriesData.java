package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;

/**
 * Points of one series. Arrays have equal length; NaN marks a gap. For the raw tier min, avg and
 * max are the same array.
 *
 * @param stepMs the tier's step: the sampling interval for raw, else 10 000 or 60 000
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
