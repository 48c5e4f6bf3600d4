package io.clusterwatch.simulator.cluster;

/**
 * A monotonic counter in a source's raw unit (ticks, sectors, 4-byte words, mJ): increments are
 * accumulated as fractions and the raw value is their floor, so many small rates never round away.
 * Narrow hardware counters saturate at their width's maximum, as IB PMA counters do.
 */
final class SimCounter {
  private final long max;
  private double value;

  private SimCounter(double initial, long max) {
    this.value = initial;
    this.max = max;
  }

  static SimCounter startingAt(double initialRaw) {
    return new SimCounter(initialRaw, Long.MAX_VALUE);
  }

  /** A counter {@code bits} wide that sticks at all ones. */
  static SimCounter saturating(double initialRaw, int bits) {
    return new SimCounter(initialRaw, (1L << bits) - 1);
  }

  void add(double rawUnits) {
    if (rawUnits > 0) {
      value += rawUnits;
    }
  }

  long raw() {
    return Math.min(max, (long) Math.floor(value));
  }
}
