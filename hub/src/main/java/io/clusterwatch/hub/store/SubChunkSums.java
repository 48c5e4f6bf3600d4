package io.clusterwatch.hub.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the finished sub-chunks of one tier add up to, per block and column, for the columns whose
 * windows {@link SampleStore#sums} reads: the count of values (averages, in a rollup) that are not
 * NaN and their sum. A finished sub-chunk never changes, so a rule that reads the same 30 minute
 * window every 10 s decodes each sub-chunk once rather than on every pass; only the sub-chunks at
 * the window's edges and the one being written are read value by value.
 *
 * <p>Filled while reading under the host's read lock, which readers share, so a caller holds this
 * object's monitor while it reads or fills a {@link Column}. At each seal, blocks older than any
 * {@link #reach reached} since the last one are dropped: what a window of any length reads stays,
 * what no window reads any more goes.
 */
final class SubChunkSums {
  /** A column's sums in one block; count -1 where not known yet. */
  static final class Column {
    final double[] sum;
    final byte[] count;

    Column(int subChunks) {
      sum = new double[subChunks];
      count = new byte[subChunks];
      Arrays.fill(count, (byte) -1);
    }

    boolean known(int sub) {
      return count[sub] >= 0;
    }

    /**
     * Counts and adds up field {@code field} of sub-chunks {@code fromSub..toSub}, decoded into
     * {@code values} ({@code width} floats per slot from the first slot of {@code fromSub}; null
     * when nothing was written), in slot order as {@link WindowSummer} adds them.
     */
    void fill(
        int fromSub,
        int toSub,
        float[] values,
        int width,
        int field,
        int subSlots,
        int blockSlots) {
      for (int s = fromSub; s <= toSub; s++) {
        int n = Math.min(subSlots, blockSlots - s * subSlots);
        double total = 0;
        int c = 0;
        for (int i = 0, at = (s - fromSub) * subSlots * width + field;
            values != null && i < n;
            i++, at += width) {
          float v = values[at];
          if (!Float.isNaN(v)) {
            total = c == 0 ? v : total + v;
            c++;
          }
        }
        sum[s] = total;
        count[s] = (byte) c;
      }
    }

    long bytes() {
      return 16 + BlockColumn.align(16 + 8L * sum.length) + BlockColumn.align(16 + count.length);
    }
  }

  private final int subChunks;
  private final TreeMap<Long, Column[]> byBlock = new TreeMap<>();
  private long oldestReached = Long.MAX_VALUE;

  /**
   * @param subChunks sub-chunks per block
   * @param subSlots slots per sub-chunk: a count must fit in a byte
   */
  SubChunkSums(int subChunks, int subSlots) {
    if (subSlots > Byte.MAX_VALUE) {
      throw new IllegalArgumentException(subSlots + " slots per sub-chunk do not fit a count");
    }
    this.subChunks = subChunks;
  }

  /** The sums of {@code column} in {@code block}, made empty when there are none yet. */
  synchronized Column of(long block, int column) {
    Column[] columns = byBlock.get(block);
    if (columns == null || column >= columns.length) {
      Column[] wider = new Column[Math.max(column + 1, columns == null ? 8 : columns.length * 2)];
      if (columns != null) {
        System.arraycopy(columns, 0, wider, 0, columns.length);
      }
      columns = wider;
      byBlock.put(block, columns);
    }
    Column c = columns[column];
    if (c == null) {
      c = new Column(subChunks);
      columns[column] = c;
    }
    return c;
  }

  /** Notes that a window read {@code block}: it is kept past the next seal. */
  synchronized void reach(long block) {
    oldestReached = Math.min(oldestReached, block);
  }

  /** Drops blocks older than any read since the last call (all of them when none was read). */
  synchronized void forgetUnreached() {
    Iterator<Map.Entry<Long, Column[]>> it = byBlock.entrySet().iterator();
    while (it.hasNext() && it.next().getKey() < oldestReached) {
      it.remove();
    }
    oldestReached = Long.MAX_VALUE;
  }

  /** Heap held. */
  synchronized long bytes() {
    long bytes = 48;
    for (Column[] columns : byBlock.values()) {
      bytes += 48 + BlockColumn.align(16 + 4L * columns.length);
      for (Column c : columns) {
        bytes += c == null ? 0 : c.bytes();
      }
    }
    return bytes;
  }
}
