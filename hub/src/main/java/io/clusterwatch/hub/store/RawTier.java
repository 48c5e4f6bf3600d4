package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * The raw tier: one float per slot per series, at the sampling interval.
 *
 * <p>The sub-chunk being written is held for all of the host's columns in one array, row by row
 * (slot {@code i} of the sub-chunk, column {@code c} at {@code i * stride + c}), rather than in an
 * array per column: a tick then writes its values one after another in memory instead of touching a
 * scattered object and cache line per series. When the next sub-chunk opens, each column's values
 * are gathered and compressed into its {@link BlockColumn}; a column with no value in the sub-chunk
 * gets none (it reads as gaps).
 */
final class RawTier extends Tier {
  /** 64 slots per sub-chunk: the rows being written hold 256 bytes per series. */
  static final int SUB_SLOTS = 64;

  /** The sub-chunk being written, {@code stride} floats per slot; NaN where nothing was put. */
  private float[] rows = new float[0];

  /**
   * Columns each row has room for: {@code columnCount} once a tick opened its slot; columns added
   * since have no value in the rows yet.
   */
  private int stride;

  /** Which sub-chunk of the open block {@code rows} holds; -1 when none is open. */
  private int rowsSub = -1;

  /** Where the newest slot's row starts in {@code rows}. */
  private int newestRow;

  /** One column's values of a closing sub-chunk, gathered to be compressed (writer only). */
  private final float[] gathered;

  RawTier(long stepMs, long retentionMs, long blockMs, Sealer sealer, DiskBlocks disk) {
    super(0, stepMs, retentionMs, blockMs, SUB_SLOTS, sealer, disk);
    this.gathered = new float[subSlots];
  }

  @Override
  int width() {
    return 1;
  }

  @Override
  int averageField() {
    return 0;
  }

  /**
   * Makes each row as wide as the columns, keeping what the rows hold so far: called before a
   * tick's values are put, so that a table's new columns (added together) widen the rows once, to
   * the exact width.
   */
  private void widen() {
    int wider = columnCount;
    if (rowsSub >= 0) {
      float[] widened = new float[subSlots * wider];
      Arrays.fill(widened, Float.NaN);
      for (int i = 0; i < subSlots; i++) {
        System.arraycopy(rows, i * stride, widened, i * wider, stride);
      }
      rows = widened;
    }
    stride = wider;
  }

  /** Opens {@code slot} (after the newest): slots not written stay gaps in every column. */
  void advance(long slot) {
    long block = blockOf(slot);
    int sub = (int) (slot - block * blockSlots) / subSlots;
    if (rowsSub >= 0 && (block != openBlock || sub != rowsSub)) {
      closeRows();
    }
    moveTo(slot);
    if (columnCount > stride) {
      widen();
    }
    if (rowsSub < 0) {
      openRows(sub);
    }
    newestRow = (newestInBlock - rowsSub * subSlots) * stride;
  }

  /** Stores a value (not NaN) in the newest slot. */
  void put(int column, float value) {
    rows[newestRow + column] = value;
  }

  private void openRows(int sub) {
    int size = subSlots * stride;
    if (rows.length != size) {
      rows = new float[size];
    }
    Arrays.fill(rows, Float.NaN);
    rowsSub = sub;
  }

  private int slotsInRows() {
    return Math.min(subSlots, blockSlots - rowsSub * subSlots);
  }

  /** Compresses the sub-chunk being written into each column that has a value in it. */
  private void closeRows() {
    int n = slotsInRows();
    for (int c = 0; c < stride; c++) {
      if (gather(c, n)) {
        columns[c].append(rowsSub, gathered);
      }
    }
    rowsSub = -1;
  }

  /** Copies column {@code c}'s first {@code n} values of the rows; whether any is not a gap. */
  private boolean gather(int c, int n) {
    boolean any = false;
    for (int i = 0, at = c; i < n; i++, at += stride) {
      float v = rows[at];
      gathered[i] = v;
      any |= !Float.isNaN(v);
    }
    return any;
  }

  /** Writes the sub-chunk being written and seals the block: the host went quiet past its end. */
  @Override
  void closeOpenBlock() {
    if (rowsSub >= 0) {
      closeRows();
    }
    super.closeOpenBlock();
  }

  @Override
  boolean emitFromHead(
      int column,
      long blockStart,
      long from,
      long to,
      int groupSlots,
      long firstGroup,
      PointSink out) {
    if (rowsSub < 0 || column >= stride) {
      return false;
    }
    long rowsStart = blockStart + (long) rowsSub * subSlots;
    if (from < rowsStart || to >= rowsStart + subSlots) {
      return false;
    }
    for (long s = from; s <= to; s++) {
      double v = rows[(int) (s - rowsStart) * stride + column];
      out.add((int) (Math.floorDiv(s, groupSlots) - firstGroup), v, v, v);
    }
    return true;
  }

  @Override
  float[] openBlockValues(int column, int fromSlot, int toSlot) {
    // a read under the host's read lock, which queries share: no shared buffer here
    float[] values = super.openBlockValues(column, fromSlot, toSlot);
    int fromSub = fromSlot / subSlots;
    int toSub = toSlot / subSlots;
    if (rowsSub < fromSub || rowsSub > toSub || column >= stride) {
      return values;
    }
    int n = slotsInRows();
    boolean any = false;
    for (int i = 0, at = column; i < n && !any; i++, at += stride) {
      any = !Float.isNaN(rows[at]);
    }
    if (!any) {
      return values;
    }
    if (values == null) {
      values = SealedChunks.window(1, subSlots, blockSlots, fromSub, toSub);
    }
    int first = (rowsSub - fromSub) * subSlots;
    for (int i = 0, at = column; i < n; i++, at += stride) {
      values[first + i] = rows[at];
    }
    return values;
  }

  @Override
  long newestInRing() {
    return newest;
  }

  @Override
  void emit(float[] values, int offset, int point, PointSink out) {
    double v = values == null ? Double.NaN : values[offset];
    out.add(point, v, v, v);
  }

  @Override
  void emitOpen(int column, int point, PointSink out) {
    throw new IllegalStateException("the raw tier has no open slot");
  }

  @Override
  long bytes() {
    // the rows being written and the gathering buffer
    return super.bytes() + BlockColumn.align(16 + 4L * rows.length) + 16 + 4L * gathered.length;
  }
}
