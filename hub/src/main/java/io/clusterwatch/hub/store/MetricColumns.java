package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * The columns of one host that hold one metric, in the order they were added: a query for a metric
 * looks at these instead of comparing the metric of every column of the host. Guarded by the host's
 * lock.
 */
final class MetricColumns {
  private int[] columns = new int[2];
  private int size;

  void add(int column) {
    if (size == columns.length) {
      columns = Arrays.copyOf(columns, size * 2);
    }
    columns[size++] = column;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return columns[i];
  }

  /** Heap held: this object and its array. */
  long bytes() {
    return 24 + BlockColumn.align(16 + 4L * columns.length);
  }
}
