package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.DeviceFilter;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.KeptOpenProcFile;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.host.TickCache;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Block device statistics from {@code /proc/diskstats}, named and scaled as node_exporter's {@code
 * diskstats} collector, label {@code device}. Each statistic is sent only when the line has it
 * (discards need kernel 4.18+, flushes 5.5+).
 *
 * <p>Units on the wire: {@code disk_read_bytes_total} and {@code disk_written_bytes_total} travel
 * as raw 512-byte sectors with scale 512 (the kernel counts 512-byte sectors whatever the device's
 * block size); {@code disk_discarded_sectors_total} stays in sectors (scale 1), as node_exporter
 * has it; every {@code *_seconds_total} travels as raw milliseconds with scale 0.001; {@code
 * disk_io_now} is a gauge. The millisecond fields are 32-bit in the kernel and wrap after 2^32 ms
 * (49.7 days of accumulated time); the hub sees the wrap as a counter reset. {@code
 * disk_info{device,major,minor}} is 1 for every device kept (node_exporter adds udev labels such as
 * model and serial, which this collector does not read).
 *
 * <p>Devices are kept by {@link DeviceFilter}: the include/exclude patterns, and with {@code
 * wholeDevicesOnly} only names that have an entry under {@code sys/block} (whole disks,
 * device-mapper and md devices, not partitions). When {@code sys/block} does not exist at all (a
 * container without sysfs) only the patterns apply, and that is logged once.
 */
final class DiskCollector implements Collector {
  private static final double SECTOR_BYTES = 512.0;
  private static final double SECONDS_PER_MS = 0.001;

  /** Statistic index (0-based after the device name) to metric and scale; null scale is a gauge. */
  private static final String[] METRICS = {
    "disk_reads_completed_total",
    "disk_reads_merged_total",
    "disk_read_bytes_total",
    "disk_read_time_seconds_total",
    "disk_writes_completed_total",
    "disk_writes_merged_total",
    "disk_written_bytes_total",
    "disk_write_time_seconds_total",
    "disk_io_now",
    "disk_io_time_seconds_total",
    "disk_io_time_weighted_seconds_total",
    "disk_discards_completed_total",
    "disk_discards_merged_total",
    "disk_discarded_sectors_total",
    "disk_discard_time_seconds_total",
    "disk_flush_requests_total",
    "disk_flush_requests_time_seconds_total",
  };

  private static final double[] SCALES = {
    1,
    1,
    SECTOR_BYTES,
    SECONDS_PER_MS,
    1,
    1,
    SECTOR_BYTES,
    SECONDS_PER_MS,
    Double.NaN,
    SECONDS_PER_MS,
    SECONDS_PER_MS,
    1,
    1,
    1,
    SECONDS_PER_MS,
    1,
    SECONDS_PER_MS,
  };

  private static final int IO_NOW = 8;

  private final KeptOpenProcFile diskstats;
  private final Path sysBlock;
  private final DeviceFilter filter;
  private final boolean wholeDevicesOnly;
  private final System.Logger log;
  private final TickCache<String, Labels> deviceLabels = new TickCache<>();
  private final TickCache<DeviceNumbers, Labels> infoLabels = new TickCache<>();

  /** The filter's answer per device name: two regular expressions per line of diskstats else. */
  private final TickCache<String, Boolean> accepted = new TickCache<>();

  private boolean loggedMissingSysBlock;

  DiskCollector(HostPaths paths, DiskSettings settings, System.Logger log) {
    this.diskstats = new KeptOpenProcFile(paths.proc("diskstats"));
    this.sysBlock = paths.sys("block");
    this.filter = settings.filter();
    this.wholeDevicesOnly = settings.wholeDevicesOnly();
    this.log = log;
  }

  @Override
  public String name() {
    return DiskCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    Optional<Set<String>> whole = wholeDevicesOnly ? wholeDevices() : Optional.empty();
    List<DiskstatsLine> lines =
        DiskstatsParser.parse(
            diskstats.read(), diskstats.path().toString(), device -> keep(device, whole));
    List<Sample> samples = new ArrayList<>();
    for (DiskstatsLine line : lines) {
      Labels device = deviceLabels.get(line.device(), d -> Labels.of("device", d));
      for (int s = 0; s < line.statCount(); s++) {
        if (s == IO_NOW) {
          samples.add(Sample.gauge(METRICS[s], device, (double) line.stat(s)));
        } else {
          samples.add(Sample.counter(METRICS[s], device, line.stat(s), SCALES[s]));
        }
      }
      samples.add(
          Sample.gauge(
              "disk_info",
              infoLabels.get(
                  new DeviceNumbers(line.device(), line.major(), line.minor()),
                  n ->
                      Labels.of(
                          "device", n.device(),
                          "major", Long.toString(n.major()),
                          "minor", Long.toString(n.minor()))),
              1.0));
    }
    deviceLabels.endCollection();
    infoLabels.endCollection();
    accepted.endCollection();
    return samples;
  }

  /** What {@code disk_info} labels a device with. */
  private record DeviceNumbers(String device, long major, long minor) {}

  private boolean keep(String device, Optional<Set<String>> whole) {
    if (!accepted.get(device, filter::accepts)) {
      return false;
    }
    // sysfs spells a '/' in a block device name as '!' (cciss/c0d0 is sys/block/cciss!c0d0).
    return whole.map(names -> names.contains(device.replace('/', '!'))).orElse(true);
  }

  /** The names under sys/block, or empty (logged once) when sysfs has no block directory. */
  private Optional<Set<String>> wholeDevices() throws IOException {
    if (!Files.isDirectory(sysBlock)) {
      if (!loggedMissingSysBlock) {
        loggedMissingSysBlock = true;
        log.log(
            System.Logger.Level.INFO,
            sysBlock
                + " does not exist: partitions are told from whole disks by "
                + "collectors.disk.exclude only");
      }
      return Optional.empty();
    }
    return Optional.of(new HashSet<>(SysfsFiles.list(sysBlock)));
  }

  /** Releases the file kept open. */
  @Override
  public void close() {
    diskstats.close();
  }
}
