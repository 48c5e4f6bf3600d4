package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * One series' values in one tier: a ring of float32 slots, {@code width} floats per slot (1 for raw
 * values, 3 for a rollup's min, avg and max), in lazily allocated chunks. An unallocated chunk
 * reads as NaN. float32 keeps 24 bits of mantissa (a relative error below 6e-8), enough for any
 * value a chart or table shows; exact latest values are kept elsewhere as doubles.
 */
final class FloatColumn {
  private static final long ARRAY_HEADER_BYTES = 16;
  private static final long OBJECT_BYTES = 16 + 4 + 4;

  private final RingGeometry ring;
  private final int width;
  private final float[][] chunks;

  FloatColumn(RingGeometry ring, int width) {
    this.ring = ring;
    this.width = width;
    this.chunks = new float[ring.chunks()][];
  }

  /** Field {@code k} of the slot at {@code position}; NaN when never written. */
  float get(int position, int k) {
    float[] chunk = chunks[position / ring.chunkSlots()];
    return chunk == null ? Float.NaN : chunk[(position % ring.chunkSlots()) * width + k];
  }

  /** Chunk {@code c} ({@code width} floats per slot), or null while it was never written. */
  float[] chunk(int c) {
    return chunks[c];
  }

  void set(int position, int k, float value) {
    set(position / ring.chunkSlots(), position % ring.chunkSlots(), k, value);
  }

  /** Sets field {@code k} of the slot at {@code offset} in chunk {@code c}. */
  void set(int c, int offset, int k, float value) {
    float[] chunk = chunks[c];
    if (chunk == null) {
      if (Float.isNaN(value)) {
        return;
      }
      chunk = new float[ring.chunkSlots() * width];
      Arrays.fill(chunk, Float.NaN);
      chunks[c] = chunk;
    }
    chunk[offset * width + k] = value;
  }

  /** Marks the slot at {@code offset} in chunk {@code c} as a gap. */
  void clearSlot(int c, int offset) {
    float[] chunk = chunks[c];
    if (chunk != null) {
      Arrays.fill(chunk, offset * width, offset * width + width, Float.NaN);
    }
  }

  /** Marks {@code count} slots from {@code position} on (wrapping around) as gaps. */
  void clear(int position, int count) {
    int capacity = ring.capacity();
    int n = Math.min(count, capacity);
    int p = position;
    while (n > 0) {
      int c = p / ring.chunkSlots();
      int offset = p % ring.chunkSlots();
      int run = Math.min(n, ring.chunkSlots() - offset);
      float[] chunk = chunks[c];
      if (chunk != null) {
        Arrays.fill(chunk, offset * width, (offset + run) * width, Float.NaN);
      }
      n -= run;
      p = (p + run) % capacity;
    }
  }

  /** Heap held: this object, its chunk table and every allocated chunk. */
  long bytes() {
    long bytes = OBJECT_BYTES + align(ARRAY_HEADER_BYTES + 4L * chunks.length);
    for (float[] chunk : chunks) {
      if (chunk != null) {
        bytes += align(ARRAY_HEADER_BYTES + 4L * chunk.length);
      }
    }
    return bytes;
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
