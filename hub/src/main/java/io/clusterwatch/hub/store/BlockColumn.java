package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import java.util.Arrays;

/**
 * One series' values in the open block of one tier: sub-chunks of {@code subSlots} slots, {@code
 * width} fields per slot (1 raw value; min, avg and max of a rollup). Values only go forward in
 * time, so once a write lands in a later sub-chunk the previous one can never change: it is then
 * XOR-compressed ({@link XorFloatCodec}, one stream per field) and appended to one byte array
 * already in the sealed layout ({@link SealedChunks}), so sealing the block is one copy. Only the
 * sub-chunk being written stays a float array: this column's head in a rollup tier, the tier's rows
 * for all columns in the raw tier ({@link RawTier}, which hands each column its values with {@link
 * #append}). A sub-chunk never written reads as gaps. Guarded by the host's lock.
 */
final class BlockColumn {
  private static final byte[] NONE = new byte[0];

  private final int width;
  private final int subSlots;
  private final int blockSlots;

  /**
   * Entries of sub-chunks {@code 0..closedSubs-1} in its first {@code dataLength} bytes, in the
   * sealed layout, without its header.
   */
  private byte[] data = NONE;

  private int dataLength;

  private int closedSubs;
  private float[] head;
  private int headSub = -1;

  /** Slots {@code headFrom..headTo-1} (0-based in the block) are in the head; none when empty. */
  private int headFrom;

  private int headTo;

  BlockColumn(int width, int subSlots, int blockSlots) {
    this.width = width;
    this.subSlots = subSlots;
    this.blockSlots = blockSlots;
  }

  int subChunks() {
    return (blockSlots + subSlots - 1) / subSlots;
  }

  /** Sub-chunks {@code 0..closedSubChunks()-1} are compressed and can no longer change. */
  int closedSubChunks() {
    return closedSubs;
  }

  private int slotsIn(int sub) {
    return Math.min(subSlots, blockSlots - sub * subSlots);
  }

  /** Sets field {@code field} of slot {@code slot} (0-based in the block). */
  void set(int slot, int field, float value) {
    // one range check per value: the head moves once every subSlots slots
    if ((slot < headFrom || slot >= headTo) && !moveHead(slot, value)) {
      return;
    }
    head[(slot - headFrom) * width + field] = value;
  }

  /** Makes the head the sub-chunk of {@code slot}; false when a gap needs no new sub-chunk. */
  private boolean moveHead(int slot, float value) {
    int sub = slot / subSlots;
    if (Float.isNaN(value) && sub > headSub) {
      return false; // a gap in a sub-chunk never written reads as a gap anyway
    }
    closeHead();
    if (head == null) {
      head = new float[subSlots * width];
    }
    Arrays.fill(head, Float.NaN);
    headSub = sub;
    headFrom = sub * subSlots;
    headTo = headFrom + subSlots;
    return true;
  }

  private void closeHead() {
    if (headSub < 0) {
      return;
    }
    append(headSub, head);
    headSub = -1;
    headFrom = 0;
    headTo = 0;
  }

  /**
   * Compresses sub-chunk {@code sub} ({@code width} floats per slot, NaN for gaps) and appends it
   * after the sub-chunks already closed: for a tier that keeps the sub-chunk being written outside
   * its columns, and for this column's own head.
   *
   * @throws IllegalStateException when {@code sub} is not after every closed sub-chunk
   */
  void append(int sub, float[] values) {
    if (sub < closedSubs) {
      throw new IllegalStateException(
          "sub-chunk " + sub + " is not after the " + closedSubs + " already closed");
    }
    int n = slotsIn(sub);
    float[] field = width == 1 ? values : new float[n];
    byte[][] encoded = new byte[width][];
    int size = 2 * width * (sub - closedSubs);
    for (int f = 0; f < width; f++) {
      if (width > 1) {
        for (int i = 0; i < n; i++) {
          field[i] = values[i * width + f];
        }
      }
      encoded[f] = XorFloatCodec.encode(field, 0, n);
      size += 2 + encoded[f].length;
    }
    int at = dataLength;
    if (at + size > data.length) {
      // half again as large: a block's column closes a few dozen sub-chunks, and each array
      // replaced lived long enough to be promoted, so growing it exactly at every sub-chunk left
      // the old generation full of them (and the collector compacting it)
      data = Arrays.copyOf(data, Math.max(at + size, at + (at >>> 1)));
    }
    dataLength = at + size;
    at += 2 * width * (sub - closedSubs); // sub-chunks skipped: zero lengths
    for (byte[] e : encoded) {
      data[at] = (byte) (e.length >>> 8);
      data[at + 1] = (byte) e.length;
      System.arraycopy(e, 0, data, at + 2, e.length);
      at += 2 + e.length;
    }
    closedSubs = sub + 1;
  }

  /**
   * The sub-chunk being written ({@code width} floats per slot, its first slot at {@link
   * #headFirstSlot}) when slots {@code fromSlot..toSlot} all lie in it, else null. Reading the
   * newest slots from it needs neither decoding nor a block-sized array: the live view reads a few
   * slots of every series of a node every tick.
   */
  float[] headCovering(int fromSlot, int toSlot) {
    return headSub >= 0 && fromSlot / subSlots == headSub && toSlot / subSlots == headSub
        ? head
        : null;
  }

  /** The first slot (0-based in the block) of the sub-chunk being written. */
  int headFirstSlot() {
    return headSub * subSlots;
  }

  /** Whether any value was written since the block opened. */
  boolean isEmpty() {
    return headSub < 0 && closedSubs == 0;
  }

  /**
   * The slots of the sub-chunks that hold {@code fromSlot..toSlot} ({@code width} floats per slot
   * from the first slot of {@code fromSlot}'s sub-chunk, NaN where nothing was written), or null
   * when nothing was written.
   */
  float[] values(int fromSlot, int toSlot) {
    if (isEmpty()) {
      return null;
    }
    int fromSub = fromSlot / subSlots;
    int toSub = toSlot / subSlots;
    float[] out = SealedChunks.window(width, subSlots, blockSlots, fromSub, toSub);
    SealedChunks.decodeEntries(
        data, 0, closedSubs, width, subSlots, blockSlots, fromSub, toSub, out);
    if (headSub >= fromSub && headSub <= toSub) {
      System.arraycopy(
          head, 0, out, (headSub - fromSub) * subSlots * width, slotsIn(headSub) * width);
    }
    return out;
  }

  /**
   * Compresses what is left and returns the block's values in their sealed form ({@link
   * SealedChunks}), or null when nothing was written; the column is then empty for the next block.
   */
  byte[] seal() {
    closeHead();
    if (closedSubs == 0) {
      return null;
    }
    byte[] sealed = SealedChunks.seal(data, dataLength, closedSubs, subChunks(), width);
    data = NONE;
    dataLength = 0;
    closedSubs = 0;
    return sealed;
  }

  /** Heap held: this object, the compressed sub-chunks and the head. */
  long bytes() {
    long bytes = 40;
    if (data.length > 0) {
      bytes += align(16 + data.length);
    }
    if (head != null) {
      bytes += align(16 + 4L * head.length);
    }
    return bytes;
  }

  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
