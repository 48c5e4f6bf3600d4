package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesKey;

/** A stored series. For counters, stored values are rates: {@code unit} per second. */
public record SeriesInfo(String host, SeriesKey key, MetricType type, String unit) {}
