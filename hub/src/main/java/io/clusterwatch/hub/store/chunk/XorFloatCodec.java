package io.clusterwatch.hub.store.chunk;

/**
 * Gorilla-style XOR compression (Pelkonen et al., "Gorilla", VLDB 2015, section 4.1.2) of one
 * column of float32 values at consecutive slots, NaN marking gaps. Timestamps are implicit (slot
 * {@code i} of a chunk), so only values are coded.
 *
 * <pre>
 *   byte 0    kind: 0 = constant (every slot holds the value that follows: a constant series or a
 *             chunk of gaps, folded), 1 = XOR-coded
 *   constant: u32 float bits
 *   XOR:      u32 first value's bits, then per further slot, XOR with the previous value's bits:
 *             '0'                     same bits as the previous value (a flat run or a run of gaps)
 *             '10' + meaningful bits  the XOR's set bits fit the previous leading/trailing window
 *             '11' + 5 bits leading zeros + 5 bits (meaningful length - 1) + meaningful bits
 * </pre>
 *
 * Gaps are the canonical NaN (0x7fc00000), so a run of gaps costs one bit per slot.
 */
public final class XorFloatCodec {
  static final int CONSTANT = 0;
  static final int XOR = 1;
  private static final int CANONICAL_NAN = Float.floatToIntBits(Float.NaN);

  private XorFloatCodec() {}

  public static byte[] encode(float[] values, int from, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a chunk holds at least one value");
    }
    int first = bits(values[from]);
    boolean constant = true;
    for (int i = 1; i < count && constant; i++) {
      constant = bits(values[from + i]) == first;
    }
    // a value costs at most 44 bits
    BitWriter out = new BitWriter(constant ? 5 : 5 + (count * 44 + 7) / 8);
    out.write(constant ? CONSTANT : XOR, 8);
    out.write(first & 0xffffffffL, 32);
    if (constant) {
      return out.toByteArray();
    }
    int previous = first;
    int leading = -1;
    int trailing = 0;
    for (int i = 1; i < count; i++) {
      int v = bits(values[from + i]);
      int xor = v ^ previous;
      // each case is one write of its whole bit string (at most 2 + 5 + 5 + 32 bits)
      if (xor == 0) {
        out.write(0, 1);
      } else {
        int lz = leadingZeros(xor);
        int tz = trailingZeros(xor);
        if (leading >= 0 && lz >= leading && tz >= trailing) {
          int meaningful = 32 - leading - trailing;
          out.write(
              (0b10L << meaningful) | ((xor >>> trailing) & mask(meaningful)), 2 + meaningful);
        } else {
          int meaningful = 32 - lz - tz;
          long header = (0b11L << 10) | ((long) lz << 5) | (meaningful - 1);
          out.write((header << meaningful) | ((xor >>> tz) & mask(meaningful)), 12 + meaningful);
          leading = lz;
          trailing = tz;
        }
      }
      previous = v;
    }
    return out.toByteArray();
  }

  /** Decodes {@code count} values into {@code out} from {@code outFrom}. */
  public static void decode(
      byte[] bytes, int offset, int length, int count, float[] out, int outFrom) {
    BitReader in = new BitReader(bytes, offset, length);
    int kind = (int) in.read(8);
    int previous = (int) in.read(32);
    out[outFrom] = Float.intBitsToFloat(previous);
    if (kind == CONSTANT) {
      java.util.Arrays.fill(out, outFrom, outFrom + count, Float.intBitsToFloat(previous));
      return;
    }
    if (kind != XOR) {
      throw new CorruptChunkException("unknown float chunk kind " + kind);
    }
    int leading = 0;
    int trailing = 0;
    for (int i = 1; i < count; i++) {
      if (in.readBit()) {
        if (in.readBit()) {
          leading = (int) in.read(5);
          int meaningful = (int) in.read(5) + 1;
          trailing = 32 - leading - meaningful;
          if (trailing < 0) {
            throw new CorruptChunkException("a float chunk's XOR window exceeds 32 bits");
          }
        }
        int meaningful = 32 - leading - trailing;
        previous ^= (int) (in.read(meaningful) << trailing);
      }
      out[outFrom + i] = Float.intBitsToFloat(previous);
    }
  }

  /**
   * {@link Integer#numberOfLeadingZeros} of a non-zero int (0 to 31), from the exponent of its
   * exact value as a double. The hub runs C1 only, and C1 (JDK 17) compiles the two {@code Integer}
   * methods as calls of a dozen branches each (6.5 % of the ingest event loop's samples under
   * {@code perf}, docs/benchmarks/hub-vs-prometheus.md), while a long-to-double conversion and
   * {@link Double#doubleToRawLongBits} are an instruction each.
   */
  static int leadingZeros(int nonZero) {
    return 31 - log2(nonZero & 0xffffffffL);
  }

  /**
   * {@link Integer#numberOfTrailingZeros} of a non-zero int: the exponent of its lowest set bit.
   */
  static int trailingZeros(int nonZero) {
    return log2((nonZero & -nonZero) & 0xffffffffL);
  }

  /** floor(log2(v)) for 1 <= v < 2^32: the unbiased exponent of the double v (exact below 2^53). */
  private static int log2(long v) {
    return (int) (Double.doubleToRawLongBits((double) v) >>> 52) - 1023;
  }

  private static int bits(float f) {
    return Float.isNaN(f) ? CANONICAL_NAN : Float.floatToRawIntBits(f);
  }

  private static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }
}
