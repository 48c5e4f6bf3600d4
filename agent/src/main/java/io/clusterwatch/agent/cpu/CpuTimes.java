package io.clusterwatch.agent.cpu;

import java.util.Arrays;

/**
 * One {@code cpuN} line of {@code /proc/stat}: the CPU's number and its columns in USER_HZ ticks,
 * in kernel order (user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice). Older
 * kernels print fewer columns; {@code ticks.length} says how many there were.
 */
record CpuTimes(String cpu, long[] ticks) {
  CpuTimes {
    ticks = ticks.clone();
  }

  @Override
  public long[] ticks() {
    return ticks.clone();
  }

  int columns() {
    return ticks.length;
  }

  long tick(int column) {
    return ticks[column];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpuTimes other
        && cpu.equals(other.cpu)
        && Arrays.equals(ticks, other.ticks);
  }

  @Override
  public int hashCode() {
    return 31 * cpu.hashCode() + Arrays.hashCode(ticks);
  }

  @Override
  public String toString() {
    return "CpuTimes[cpu=" + cpu + ", ticks=" + Arrays.toString(ticks) + "]";
  }
}
