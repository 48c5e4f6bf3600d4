package io.clusterwatch.hub.store;

/**
 * How one series table's positions map onto a host's columns.
 *
 * @param columnOf column index per table position
 * @param counter whether the series at a position is a counter
 * @param scale what one raw counter step is worth in the base unit, per position
 */
record TableMapping(int[] columnOf, boolean[] counter, double[] scale) {
  int size() {
    return columnOf.length;
  }
}
