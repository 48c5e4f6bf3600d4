package io.clusterwatch.agent.infiniband;

/**
 * Where one sysfs counter file goes: its metric (node_exporter's name without {@code node_}) and
 * what one raw step is worth ({@code 4} for the data counters, which count 4-byte words).
 */
record IbCounter(String metric, double scale) {}
