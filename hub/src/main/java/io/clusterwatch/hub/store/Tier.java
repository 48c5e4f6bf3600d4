package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * One tier of one host: a ring of slots of {@code stepMs} shared by all the host's columns (one
 * {@link FloatColumn} per series). Timestamps are implicit: slot {@code s} starts at
 * {@code s * stepMs}. Every slot between the oldest held and the newest has been written for every
 * column (a value or NaN), so no per-slot timestamp is needed. Guarded by the host's lock.
 */
abstract class Tier {
  static final long NONE = Long.MIN_VALUE;

  final long stepMs;
  final RingGeometry ring;
  FloatColumn[] columns = new FloatColumn[0];
  int columnCount;
  long newest = NONE;
  long first = NONE;

  Tier(long stepMs, long retentionMs, int targetChunkSlots) {
    this.stepMs = stepMs;
    this.ring = RingGeometry.forSlots((retentionMs + stepMs - 1) / stepMs, targetChunkSlots);
  }

  abstract int width();

  boolean isEmpty() {
    return newest == NONE;
  }

  /** Oldest slot still in the ring (the retention window), whether or not it holds data. */
  long oldestCovered() {
    return newest - ring.capacity() + 1;
  }

  /** Oldest slot that holds this host's data. */
  long oldestHeld() {
    return Math.max(first, oldestCovered());
  }

  /** Slots held per column. */
  long slotsHeld() {
    return isEmpty() ? 0 : newest - oldestHeld() + 1;
  }

  void addColumn() {
    if (columnCount == columns.length) {
      columns = Arrays.copyOf(columns, Math.max(8, columnCount * 2));
    }
    columns[columnCount++] = new FloatColumn(ring, width());
  }

  /** Clears {@code count} slots after the newest one in every column. */
  final void clearAfterNewest(long count) {
    if (count <= 0) {
      return;
    }
    int position = ring.position(newest + 1);
    int n = (int) Math.min(count, ring.capacity());
    for (int c = 0; c < columnCount; c++) {
      columns[c].clear(position, n);
    }
  }

  /**
   * Feeds slots {@code lo..hi} (all held, oldest first) of one column into {@code out}, slot
   * {@code s} going to point {@code floorDiv(s, groupSlots) - firstGroup}. Walks the chunks with
   * running offsets: no division per slot.
   */
  final void read(int column, long lo, long hi, int groupSlots, long firstGroup, PointsBuilder out) {
    FloatColumn values = columns[column];
    int chunkSlots = ring.chunkSlots();
    int position = ring.position(lo);
    int c = position / chunkSlots;
    int offset = position % chunkSlots;
    float[] chunk = values.chunk(c);
    int point = (int) (Math.floorDiv(lo, groupSlots) - firstGroup);
    int leftInGroup = groupSlots - (int) Math.floorMod(lo, (long) groupSlots);
    long lastInRing = Math.min(hi, newestInRing());
    for (long s = lo; s <= lastInRing; s++) {
      emit(chunk, offset, point, out);
      if (--leftInGroup == 0) {
        point++;
        leftInGroup = groupSlots;
      }
      if (++offset == chunkSlots) {
        offset = 0;
        if (++c == ring.chunks()) {
          c = 0;
        }
        chunk = values.chunk(c);
      }
    }
    if (hi > lastInRing) {
      emitOpen(column, (int) (Math.floorDiv(hi, groupSlots) - firstGroup), out);
    }
  }

  /** The newest slot whose values are in the ring (later ones are still being accumulated). */
  abstract long newestInRing();

  /** Adds the slot at {@code offset} of {@code chunk} (null: never written) to a point. */
  abstract void emit(float[] chunk, int offset, int point, PointsBuilder out);

  /** Adds the newest, still open slot of a column to a point. */
  abstract void emitOpen(int column, int point, PointsBuilder out);

  long bytes() {
    long bytes = 0;
    for (int c = 0; c < columnCount; c++) {
      bytes += columns[c].bytes();
    }
    return bytes;
  }
}
