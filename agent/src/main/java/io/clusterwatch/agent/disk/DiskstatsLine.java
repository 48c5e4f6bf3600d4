package io.clusterwatch.agent.disk;

import java.util.Arrays;

/**
 * One line of {@code /proc/diskstats}: major, minor, device name and the statistics that follow it
 * (11 before 4.18, 15 with the 4.18 discard fields, 17 with the 5.5 flush fields; see kernel {@code
 * Documentation/admin-guide/iostats.rst}).
 */
record DiskstatsLine(long major, long minor, String device, long[] stats) {
  DiskstatsLine {
    stats = stats.clone();
  }

  @Override
  public long[] stats() {
    return stats.clone();
  }

  int statCount() {
    return stats.length;
  }

  long stat(int index) {
    return stats[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiskstatsLine other
        && major == other.major
        && minor == other.minor
        && device.equals(other.device)
        && Arrays.equals(stats, other.stats);
  }

  @Override
  public int hashCode() {
    return (device.hashCode() * 31 + Long.hashCode(major)) * 31 + Arrays.hashCode(stats);
  }

  @Override
  public String toString() {
    return "DiskstatsLine["
        + major
        + ":"
        + minor
        + " "
        + device
        + " "
        + Arrays.toString(stats)
        + "]";
  }
}
