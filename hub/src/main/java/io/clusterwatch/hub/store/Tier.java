package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tier of one host: slots of {@code stepMs} shared by all the host's columns, cut into time
 * blocks of {@code blockSlots} slots. Timestamps are implicit: slot {@code s} starts at {@code s *
 * stepMs}. The open block (the newest) is held per column in a {@link BlockColumn} (compressed but
 * for the sub-chunk being written); when a tick opens a later block, the open one is sealed into a
 * {@link SealedBlock} and handed to the {@link Sealer}. Queries read the open block and the sealed
 * ones alike. Retention is a window of {@code retentionSlots} ending at the newest slot: older
 * slots read as absent, and sealed blocks wholly before it are dropped. Guarded by the host's lock.
 */
abstract class Tier {
  static final long NONE = Long.MIN_VALUE;

  /** Told about every block this tier seals (under the host's lock: it must not block). */
  interface Sealer {
    void sealed(Tier tier, SealedBlock block);
  }

  /** Where blocks no longer in memory are read: the store's chunk files (none when memory-only). */
  interface DiskBlocks {
    /** The sealed bytes of one series in one block of this tier, or null. */
    byte[] payload(Tier tier, long block, SeriesKey key);

    DiskBlocks NONE = (tier, block, key) -> null;
  }

  final int index;
  final long stepMs;
  final long retentionSlots;
  final int blockSlots;
  final int subSlots;
  private final Sealer sealer;
  private final DiskBlocks disk;
  BlockColumn[] columns = new BlockColumn[0];
  int columnCount;
  long newest = NONE;
  long first = NONE;
  long openBlock = NONE;

  /** The newest slot, 0-based in the open block (when there is one). */
  int newestInBlock;

  final TreeMap<Long, SealedBlock> sealed = new TreeMap<>();

  /** What whole finished sub-chunks add up to, for the windows {@link #sum} reads. */
  final SubChunkSums subChunkSums;

  Tier(
      int index,
      long stepMs,
      long retentionMs,
      long blockMs,
      int subSlots,
      Sealer sealer,
      DiskBlocks disk) {
    this.index = index;
    this.stepMs = stepMs;
    this.retentionSlots = (retentionMs + stepMs - 1) / stepMs;
    this.blockSlots = Math.toIntExact(blockMs / stepMs);
    this.subSlots = Math.min(subSlots, blockSlots);
    this.sealer = sealer;
    this.disk = disk;
    this.subChunkSums = new SubChunkSums(subChunks(), this.subSlots);
  }

  abstract int width();

  /** The field a point's average is read from (of {@link #width} per slot). */
  abstract int averageField();

  /** Sub-chunks per block (the last one shorter when the block is not a multiple). */
  final int subChunks() {
    return (blockSlots + subSlots - 1) / subSlots;
  }

  boolean isEmpty() {
    return newest == NONE;
  }

  /** Oldest slot still in the retention window, whether or not it holds data. */
  long oldestCovered() {
    return newest - retentionSlots + 1;
  }

  /** Oldest slot that holds this host's data. */
  long oldestHeld() {
    return Math.max(first, oldestCovered());
  }

  /** Slots held per column. */
  long slotsHeld() {
    return isEmpty() ? 0 : newest - oldestHeld() + 1;
  }

  long blockOf(long slot) {
    return Math.floorDiv(slot, blockSlots);
  }

  void addColumn() {
    if (columnCount == columns.length) {
      columns = Arrays.copyOf(columns, Math.max(8, columnCount * 2));
    }
    columns[columnCount++] = new BlockColumn(width(), subSlots, blockSlots);
  }

  /**
   * Makes {@code slot} (not older than the newest) part of the open block, sealing the open block
   * first when {@code slot} lies in a later one, and moves the newest slot there.
   */
  final void moveTo(long slot) {
    long block = blockOf(slot);
    if (openBlock != NONE && block != openBlock) {
      sealOpenBlock();
    }
    openBlock = block;
    if (isEmpty()) {
      first = slot;
    }
    newest = slot;
    newestInBlock = (int) (slot - block * blockSlots);
    dropExpired();
  }

  private void sealOpenBlock() {
    if (openBlock == NONE) {
      return;
    }
    sealInto();
  }

  /**
   * Seals the open block although no later tick came (the host went quiet past the block's end):
   * its later slots stay gaps, and the next tick opens a new block.
   */
  void closeOpenBlock() {
    if (openBlock != NONE) {
      sealInto();
      openBlock = NONE;
    }
  }

  private void sealInto() {
    dropWritten();
    subChunkSums.forgetUnreached();
    byte[][] payloads = new byte[columnCount][];
    boolean any = false;
    for (int c = 0; c < columnCount; c++) {
      payloads[c] = columns[c].seal();
      any |= payloads[c] != null;
    }
    if (any) {
      SealedBlock b = new SealedBlock(openBlock, payloads);
      sealed.put(openBlock, b);
      sealer.sealed(this, b);
    }
  }

  /** Forgets blocks past retention. */
  private void dropExpired() {
    long oldestBlock = blockOf(oldestCovered());
    while (!sealed.isEmpty() && sealed.firstKey() < oldestBlock) {
      sealed.pollFirstEntry();
    }
  }

  /** Forgets blocks now in files (read from there): once per block sealed. */
  private void dropWritten() {
    Iterator<Map.Entry<Long, SealedBlock>> it = sealed.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().inMemory() == null) {
        it.remove();
      }
    }
  }

  /** Sets field {@code field} of the newest slot (in the open block) of one column. */
  final void setNewest(int column, int field, float value) {
    columns[column].set(newestInBlock, field, value);
  }

  /**
   * Feeds slots {@code lo..hi} (all held, oldest first) of one column into {@code out}, slot {@code
   * s} going to point {@code floorDiv(s, groupSlots) - firstGroup}.
   */
  final void read(
      int column, SeriesKey key, long lo, long hi, int groupSlots, long firstGroup, PointSink out) {
    readBlocks(column, key, lo, hi, groupSlots, firstGroup, out, null);
  }

  /**
   * Adds slots {@code lo..hi} of one column to {@code summer} as {@link #read} would feed them.
   * With a point per slot ({@code groupSlots} 1), whole finished sub-chunks that start after the
   * window's start are added by their sums ({@link SubChunkSums}), decoded only the first time a
   * window reads them.
   */
  final void sum(
      int column,
      SeriesKey key,
      long lo,
      long hi,
      int groupSlots,
      long firstGroup,
      WindowSummer summer) {
    WindowSummer bySubChunk = groupSlots == 1 ? summer : null;
    readBlocks(column, key, lo, hi, groupSlots, firstGroup, summer, bySubChunk);
  }

  /** As {@link #read}; with {@code bySubChunk} (then {@code out}), whole sub-chunks by sums. */
  private void readBlocks(
      int column,
      SeriesKey key,
      long lo,
      long hi,
      int groupSlots,
      long firstGroup,
      PointSink out,
      WindowSummer bySubChunk) {
    long lastInBlocks = Math.min(hi, newestInRing());
    for (long block = blockOf(lo); lo <= lastInBlocks && block <= blockOf(lastInBlocks); block++) {
      long blockStart = block * blockSlots;
      long from = Math.max(lo, blockStart);
      long to = Math.min(lastInBlocks, blockStart + blockSlots - 1);
      if (bySubChunk == null) {
        emitSlots(column, key, block, from, to, groupSlots, firstGroup, out);
      } else {
        sumSlots(column, key, block, from, to, firstGroup, bySubChunk);
      }
    }
    if (hi > newestInRing() && hi >= newest) {
      emitOpen(column, (int) (Math.floorDiv(newest, groupSlots) - firstGroup), out);
    }
  }

  /** Feeds slots {@code from..to}, all in {@code block}, into {@code out} one by one. */
  private void emitSlots(
      int column,
      SeriesKey key,
      long block,
      long from,
      long to,
      int groupSlots,
      long firstGroup,
      PointSink out) {
    long blockStart = block * blockSlots;
    if (block == openBlock
        && emitFromHead(column, blockStart, from, to, groupSlots, firstGroup, out)) {
      return;
    }
    int fromSlot = (int) (from - blockStart);
    float[] values = blockValues(column, key, block, fromSlot, (int) (to - blockStart));
    // the values start at the first slot of the sub-chunk that holds from
    long valuesStart = blockStart + fromSlot / subSlots * subSlots;
    for (long s = from; s <= to; s++) {
      emit(values, (int) (s - valuesStart), (int) (Math.floorDiv(s, groupSlots) - firstGroup), out);
    }
  }

  /**
   * Adds slots {@code from..to}, all in {@code block}, to {@code summer}: the whole finished
   * sub-chunks among them by their sums, the slots before and after them one by one.
   */
  private void sumSlots(
      int column,
      SeriesKey key,
      long block,
      long from,
      long to,
      long firstGroup,
      WindowSummer summer) {
    long blockStart = block * blockSlots;
    int finished = block == openBlock ? columns[column].closedSubChunks() : subChunks();
    int toSlot = (int) (to - blockStart);
    int first = ((int) (from - blockStart) + subSlots - 1) / subSlots;
    if (!summer.startsAfterWindow(blockStart + (long) first * subSlots)) {
      first++; // only the window's first slot can start at or before the window's start
    }
    int last = toSlot == blockSlots - 1 ? subChunks() - 1 : (toSlot + 1) / subSlots - 1;
    last = Math.min(last, finished - 1);
    if (first > last) {
      emitSlots(column, key, block, from, to, 1, firstGroup, summer);
      return;
    }
    long wholeFrom = blockStart + (long) first * subSlots;
    long wholeTo = blockStart + Math.min((last + 1) * subSlots, blockSlots) - 1;
    if (from < wholeFrom) {
      emitSlots(column, key, block, from, wholeFrom - 1, 1, firstGroup, summer);
    }
    synchronized (subChunkSums) {
      subChunkSums.reach(block);
      SubChunkSums.Column sums = subChunkSums.of(block, column);
      for (int s = first; s <= last; s++) {
        if (!sums.known(s)) {
          int end = s;
          while (end < last && !sums.known(end + 1)) {
            end++;
          }
          float[] values = blockValues(column, key, block, s * subSlots, end * subSlots);
          sums.fill(s, end, values, width(), averageField(), subSlots, blockSlots);
        }
        summer.addValues(sums.count[s], sums.sum[s]);
      }
    }
    if (wholeTo < to) {
      emitSlots(column, key, block, wholeTo + 1, to, 1, firstGroup, summer);
    }
  }

  /**
   * Feeds slots {@code from..to} of one column into {@code out} straight from the open block's
   * sub-chunk being written, when they all lie in it: no decoding and no block-sized array, as the
   * live view reads a few slots of every series of a node every tick. False when they do not.
   */
  boolean emitFromHead(
      int column,
      long blockStart,
      long from,
      long to,
      int groupSlots,
      long firstGroup,
      PointSink out) {
    BlockColumn col = columns[column];
    float[] head = col.headCovering((int) (from - blockStart), (int) (to - blockStart));
    if (head == null) {
      return false;
    }
    long headStart = blockStart + col.headFirstSlot();
    for (long s = from; s <= to; s++) {
      emit(head, (int) (s - headStart), (int) (Math.floorDiv(s, groupSlots) - firstGroup), out);
    }
    return true;
  }

  /**
   * One column's values in the open block over the sub-chunks that hold the given slots (0-based in
   * the block; {@code width} floats per slot from the first slot of {@code fromSlot}'s sub-chunk);
   * null when nothing was written.
   */
  float[] openBlockValues(int column, int fromSlot, int toSlot) {
    return columns[column].values(fromSlot, toSlot);
  }

  /**
   * One column's values in one block over the sub-chunks that hold the given slots, as {@link
   * #openBlockValues}; null when none.
   */
  private float[] blockValues(int column, SeriesKey key, long block, int fromSlot, int toSlot) {
    if (block == openBlock) {
      return openBlockValues(column, fromSlot, toSlot);
    }
    SealedBlock b = sealed.get(block);
    byte[][] mem = b == null ? null : b.inMemory();
    byte[] payload =
        mem != null ? (column < mem.length ? mem[column] : null) : disk.payload(this, block, key);
    if (payload == null) {
      return null;
    }
    int fromSub = fromSlot / subSlots;
    int toSub = toSlot / subSlots;
    float[] out = SealedChunks.window(width(), subSlots, blockSlots, fromSub, toSub);
    SealedChunks.decode(payload, width(), subSlots, blockSlots, fromSub, toSub, out);
    return out;
  }

  /** The newest slot whose values are in the blocks (later ones are still being accumulated). */
  abstract long newestInRing();

  /** Adds the slot at {@code offset} of {@code values} (null: never written) to a point. */
  abstract void emit(float[] values, int offset, int point, PointSink out);

  /** Adds the newest, still open slot of a column to a point. */
  abstract void emitOpen(int column, int point, PointSink out);

  /** Heap held by the open block's columns and the sealed blocks still in memory. */
  long bytes() {
    long bytes = 0;
    for (int c = 0; c < columnCount; c++) {
      bytes += columns[c].bytes();
    }
    for (SealedBlock b : sealed.values()) {
      bytes += b.memoryBytes();
    }
    return bytes + subChunkSums.bytes();
  }
}
