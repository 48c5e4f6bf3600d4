package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.collect.CollectorSettings;
import io.clusterwatch.agent.collect.DeviceFilter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code collectors.disk}: {@code /proc/diskstats}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 * @param include keep only devices matching this full-match regular expression ({@code include},
 *     default empty: every device)
 * @param exclude leave out devices matching it ({@code exclude}, default node_exporter's diskstats
 *     exclusion: partitions, ram, loop and floppy devices); empty leaves nothing out
 * @param wholeDevicesOnly keep only devices with an entry under {@code /sys/block}, i.e. whole
 *     disks and not partitions ({@code whole_devices_only}, default true)
 */
public record DiskSettings(
    Boolean enabled, Pattern include, Pattern exclude, Boolean wholeDevicesOnly)
    implements CollectorSettings {
  /** node_exporter's default diskstats exclusion. */
  static final Pattern DEFAULT_EXCLUDE =
      Pattern.compile("(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+");

  public DiskSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
    include = Objects.requireNonNullElse(include, Pattern.compile(""));
    exclude = Objects.requireNonNullElse(exclude, DEFAULT_EXCLUDE);
    wholeDevicesOnly = Objects.requireNonNullElse(wholeDevicesOnly, true);
  }

  /** Every default. */
  public static DiskSettings defaults() {
    return new DiskSettings(null, null, null, null);
  }

  public DeviceFilter filter() {
    return new DeviceFilter(include, exclude);
  }
}
