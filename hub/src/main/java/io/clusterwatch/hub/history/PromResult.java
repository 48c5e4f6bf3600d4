package io.clusterwatch.hub.history;

import java.util.Map;

/**
 * One series of a Prometheus API answer ({@code data.result[i]} of a matrix or vector).
 *
 * @param labels the series' labels, {@code __name__} included when the query kept it
 * @param timestampsMs sample times, ms since the epoch
 * @param values the samples; NaN where the database answered {@code NaN}
 */
public record PromResult(Map<String, String> labels, long[] timestampsMs, double[] values) {}
