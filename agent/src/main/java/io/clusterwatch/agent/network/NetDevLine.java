package io.clusterwatch.agent.network;

import java.util.Arrays;

/**
 * One interface line of {@code /proc/net/dev}: the name and its 16 counters in kernel order
 * (receive bytes, packets, errs, drop, fifo, frame, compressed, multicast; transmit bytes, packets,
 * errs, drop, fifo, colls, carrier, compressed).
 */
record NetDevLine(String device, long[] counters) {
  NetDevLine {
    counters = counters.clone();
  }

  @Override
  public long[] counters() {
    return counters.clone();
  }

  long counter(int index) {
    return counters[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetDevLine other
        && device.equals(other.device)
        && Arrays.equals(counters, other.counters);
  }

  @Override
  public int hashCode() {
    return 31 * device.hashCode() + Arrays.hashCode(counters);
  }

  @Override
  public String toString() {
    return "NetDevLine[" + device + " " + Arrays.toString(counters) + "]";
  }
}
