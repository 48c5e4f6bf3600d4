package io.clusterwatch.hub.store;

/**
 * @param hosts hosts stored
 * @param series series stored
 * @param samples values held across all tiers, gaps included (a rollup bucket holds three: min, avg
 *     and max)
 * @param bytes memory held by columns, all-in
 */
public record StoreStats(int hosts, int series, long samples, long bytes) {}
