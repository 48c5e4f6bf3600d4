package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.OptionalLong;

/** The memory limit files: what "no limit" looks like in each cgroup version. */
final class MemoryLimit {
  /**
   * cgroup v1 prints "no limit" as {@code PAGE_COUNTER_MAX} times the page size, which is
   * 9223372036854771712 with 4 KiB pages and 9223372036854710272 with 64 KiB pages; no machine has
   * 2^62 bytes (4 EiB), so anything at or above is "unlimited".
   */
  static final long V1_UNLIMITED_FROM = 1L << 62;

  private MemoryLimit() {}

  /** cgroup v2 {@code memory.max}: bytes, or {@code max} for no limit (empty). */
  static OptionalLong v2(String text, String file) throws HostFileFormatException {
    String t = text.strip();
    return t.equals("max") ? OptionalLong.empty() : OptionalLong.of(Parse.unsignedLong(t, file));
  }

  /** cgroup v1 {@code memory.limit_in_bytes}: bytes, empty for "no limit". */
  static OptionalLong v1(String text, String file) throws HostFileFormatException {
    long v = Parse.unsignedLong(text.strip(), file);
    return v < 0 || v >= V1_UNLIMITED_FROM ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
