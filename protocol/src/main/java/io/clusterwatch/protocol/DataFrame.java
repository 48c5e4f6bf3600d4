package io.clusterwatch.protocol;

import java.util.Arrays;

/**
 * One tick of one agent: a value (or a gap) per series of the table with the same schema version.
 * {@code values[i]} holds the raw 64 bits: an unsigned counter or {@link
 * Double#doubleToRawLongBits} of a gauge. {@code present} is a bitmap in 64-bit words: bit {@code i
 * % 64} of word {@code i / 64}.
 */
public final class DataFrame {
  private final int schemaVersion;
  private final long sequence;
  private final long timestampMs;
  private final long[] values;
  private final long[] present;

  public DataFrame(
      int schemaVersion, long sequence, long timestampMs, long[] values, long[] present) {
    if (present.length != (values.length + 63) / 64) {
      throw new IllegalArgumentException("presence bitmap has the wrong length");
    }
    this.schemaVersion = schemaVersion;
    this.sequence = sequence;
    this.timestampMs = timestampMs;
    this.values = values;
    this.present = present;
  }

  /** An empty frame of {@code size} values, all absent; fill it with {@link #set}. */
  public static DataFrame empty(int schemaVersion, long sequence, long timestampMs, int size) {
    return new DataFrame(
        schemaVersion, sequence, timestampMs, new long[size], new long[(size + 63) / 64]);
  }

  public void set(int index, long rawBits) {
    values[index] = rawBits;
    present[index >>> 6] |= 1L << (index & 63);
  }

  public void setGauge(int index, double value) {
    set(index, Double.doubleToRawLongBits(value));
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  public long sequence() {
    return sequence;
  }

  public long timestampMs() {
    return timestampMs;
  }

  public int size() {
    return values.length;
  }

  public boolean isPresent(int index) {
    return (present[index >>> 6] & (1L << (index & 63))) != 0;
  }

  /** Raw bits of value {@code index}; meaningful only when {@link #isPresent}. */
  public long rawValue(int index) {
    return values[index];
  }

  public double gaugeValue(int index) {
    return Double.longBitsToDouble(values[index]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataFrame f
        && f.schemaVersion == schemaVersion
        && f.sequence == sequence
        && f.timestampMs == timestampMs
        && Arrays.equals(f.values, values)
        && Arrays.equals(f.present, present);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "DataFrame{schema="
        + schemaVersion
        + ", seq="
        + sequence
        + ", ts="
        + timestampMs
        + ", values="
        + values.length
        + "}";
  }
}
