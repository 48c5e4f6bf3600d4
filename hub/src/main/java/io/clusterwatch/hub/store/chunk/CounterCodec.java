package io.clusterwatch.hub.store.chunk;

/**
 * Raw unsigned 64-bit counter readings at consecutive slots, kept exactly so that any rate over
 * them is exact: delta-of-delta coding in the style of Gorilla's timestamps (a counter rising at a
 * steady rate costs one bit per slot).
 *
 * <pre>
 *   u8  gaps flag: 0 = every slot has a reading, 1 = a presence bit precedes each slot
 *   u64 first present reading
 *   per further present reading, d = (reading - previous) - previousDelta (two's complement, so a
 *   reset is a large negative d), zig-zag mapped:
 *     '0'                d = 0
 *     '10'    + 8 bits   d < 2^8
 *     '110'   + 16 bits  d < 2^16
 *     '1110'  + 32 bits  d < 2^32
 *     '1111'  + 64 bits
 * </pre>
 */
public final class CounterCodec {
  private CounterCodec() {}

  /**
   * @param present which slots hold a reading (null: all)
   */
  public static byte[] encode(long[] readings, boolean[] present, int count) {
    BitWriter out = new BitWriter();
    boolean gaps = false;
    if (present != null) {
      for (int i = 0; i < count && !gaps; i++) {
        gaps = !present[i];
      }
    }
    out.write(gaps ? 1 : 0, 8);
    boolean first = true;
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < count; i++) {
      boolean here = present == null || present[i];
      if (gaps) {
        out.writeBit(here);
      }
      if (!here) {
        continue;
      }
      long v = readings[i];
      if (first) {
        out.write(v, 64);
        first = false;
      } else {
        long delta = v - previous;
        long zz = zigzag(delta - previousDelta);
        if (zz == 0) {
          out.writeBit(false);
        } else if (zz >>> 8 == 0) {
          out.write(0b10, 2);
          out.write(zz, 8);
        } else if (zz >>> 16 == 0) {
          out.write(0b110, 3);
          out.write(zz, 16);
        } else if (zz >>> 32 == 0) {
          out.write(0b1110, 4);
          out.write(zz, 32);
        } else {
          out.write(0b1111, 4);
          out.write(zz, 64);
        }
        previousDelta = delta;
      }
      previous = v;
    }
    return out.toByteArray();
  }

  /** Decodes {@code count} slots; {@code present[i]} tells whether slot {@code i} has a reading. */
  public static void decode(
      byte[] bytes, int offset, int length, int count, long[] readings, boolean[] present) {
    BitReader in = new BitReader(bytes, offset, length);
    int flag = (int) in.read(8);
    if (flag > 1) {
      throw new CorruptChunkException("unknown counter chunk flag " + flag);
    }
    boolean gaps = flag == 1;
    boolean first = true;
    long previous = 0;
    long previousDelta = 0;
    for (int i = 0; i < count; i++) {
      boolean here = !gaps || in.readBit();
      present[i] = here;
      if (!here) {
        continue;
      }
      if (first) {
        previous = in.read(64);
        first = false;
      } else {
        long zz;
        if (!in.readBit()) {
          zz = 0;
        } else if (!in.readBit()) {
          zz = in.read(8);
        } else if (!in.readBit()) {
          zz = in.read(16);
        } else if (!in.readBit()) {
          zz = in.read(32);
        } else {
          zz = in.read(64);
        }
        long delta = previousDelta + unzigzag(zz);
        previous += delta;
        previousDelta = delta;
      }
      readings[i] = previous;
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
