package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One NVMe disk as {@code /proc/diskstats} reports it: sectors are always 512 bytes, times are in
 * milliseconds, so byte counters carry scale 512 and time counters scale 0.001. The in-flight count
 * follows Little's law (IOPS x latency), {@code io_time} is the share of wall time with at least
 * one request in flight and {@code io_time_weighted} integrates the in-flight count.
 */
final class SimulatedDisk {
  private static final double SECTOR_BYTES = 512;
  private static final double READ_REQUEST_BYTES = 128 * 1024;
  private static final double WRITE_REQUEST_BYTES = 256 * 1024;

  /** A PCIe 4 data-center NVMe drive: 7 GB/s sequential read, 3.8 GB/s write. */
  private static final double MAX_READ_BYTES_PER_SECOND = 7.0e9;

  private static final double MAX_WRITE_BYTES_PER_SECOND = 3.8e9;
  private static final double READ_LATENCY_MS = 0.12;
  private static final double WRITE_LATENCY_MS = 0.35;
  private static final double FLUSH_MS = 0.8;

  /** Flushes per second while writing: the filesystem commits its journal every few seconds. */
  private static final double FLUSHES_PER_SECOND_WRITING = 0.5;

  private final Labels labels;
  private final Labels infoLabels;
  private final SimCounter readsCompleted;
  private final SimCounter readsMerged;
  private final SimCounter readSectors;
  private final SimCounter readMs;
  private final SimCounter writesCompleted;
  private final SimCounter writesMerged;
  private final SimCounter writtenSectors;
  private final SimCounter writeMs;
  private final SimCounter ioMs;
  private final SimCounter weightedIoMs;
  private final SimCounter discards;
  private final SimCounter discardedSectors;
  private final SimCounter discardMs;
  private final SimCounter flushes;
  private final SimCounter flushMs;

  /**
   * @param minor the block device's minor under major 259 (blkext), where NVMe namespaces and their
   *     partitions get consecutive minors
   */
  SimulatedDisk(
      String device,
      int minor,
      double uptimeSeconds,
      double meanReadBytesPerSecond,
      SplittableRandom rng) {
    labels = Labels.of("device", device);
    infoLabels = labels.with("major", "259").with("minor", Integer.toString(minor));
    double readBytes = uptimeSeconds * meanReadBytesPerSecond * (0.5 + rng.nextDouble());
    double writtenBytes = readBytes * 0.3;
    double reads = readBytes / READ_REQUEST_BYTES;
    double writes = writtenBytes / WRITE_REQUEST_BYTES;
    readsCompleted = SimCounter.startingAt(reads);
    readsMerged = SimCounter.startingAt(reads * 0.02);
    readSectors = SimCounter.startingAt(readBytes / SECTOR_BYTES);
    readMs = SimCounter.startingAt(reads * READ_LATENCY_MS);
    writesCompleted = SimCounter.startingAt(writes);
    writesMerged = SimCounter.startingAt(writes * 0.1);
    writtenSectors = SimCounter.startingAt(writtenBytes / SECTOR_BYTES);
    writeMs = SimCounter.startingAt(writes * WRITE_LATENCY_MS);
    ioMs = SimCounter.startingAt(uptimeSeconds * 1000 * 0.1);
    weightedIoMs = SimCounter.startingAt(reads * READ_LATENCY_MS + writes * WRITE_LATENCY_MS);
    // A weekly fstrim discards a few hundred GB; every checkpoint and log rotation flushes.
    double trims = Math.floor(uptimeSeconds / (7 * 86_400)) + 1;
    discards = SimCounter.startingAt(trims * 2_000);
    discardedSectors = SimCounter.startingAt(trims * 300e9 / SECTOR_BYTES);
    discardMs = SimCounter.startingAt(trims * 1_500);
    flushes = SimCounter.startingAt(uptimeSeconds * 0.5);
    flushMs = SimCounter.startingAt(uptimeSeconds * 0.5 * FLUSH_MS);
  }

  void sample(
      double dtSeconds, double readBytesPerSecond, double writeBytesPerSecond, List<Sample> out) {
    double readRate = Math.min(readBytesPerSecond, MAX_READ_BYTES_PER_SECOND);
    double writeRate = Math.min(writeBytesPerSecond, MAX_WRITE_BYTES_PER_SECOND);
    double readIops = readRate / READ_REQUEST_BYTES;
    double writeIops = writeRate / WRITE_REQUEST_BYTES;
    // Latency grows as the drive approaches its bandwidth.
    double readLatency = READ_LATENCY_MS * (1 + 2 * readRate / MAX_READ_BYTES_PER_SECOND);
    double writeLatency = WRITE_LATENCY_MS * (1 + 2 * writeRate / MAX_WRITE_BYTES_PER_SECOND);
    double inFlight = (readIops * readLatency + writeIops * writeLatency) / 1000;
    double busyShare = 1 - Math.exp(-inFlight);

    readsCompleted.add(readIops * dtSeconds);
    readsMerged.add(readIops * 0.02 * dtSeconds);
    readSectors.add(readRate * dtSeconds / SECTOR_BYTES);
    readMs.add(readIops * readLatency * dtSeconds);
    writesCompleted.add(writeIops * dtSeconds);
    writesMerged.add(writeIops * 0.1 * dtSeconds);
    writtenSectors.add(writeRate * dtSeconds / SECTOR_BYTES);
    writeMs.add(writeIops * writeLatency * dtSeconds);
    ioMs.add(busyShare * dtSeconds * 1000);
    weightedIoMs.add(inFlight * dtSeconds * 1000);
    double flushRate = writeRate > 0 ? FLUSHES_PER_SECOND_WRITING : 0;
    flushes.add(flushRate * dtSeconds);
    flushMs.add(flushRate * FLUSH_MS * dtSeconds);

    out.add(Sample.counter("disk_reads_completed_total", labels, readsCompleted.raw()));
    out.add(Sample.counter("disk_reads_merged_total", labels, readsMerged.raw()));
    out.add(Sample.counter("disk_read_bytes_total", labels, readSectors.raw(), SECTOR_BYTES));
    out.add(Sample.counter("disk_read_time_seconds_total", labels, readMs.raw(), 0.001));
    out.add(Sample.counter("disk_writes_completed_total", labels, writesCompleted.raw()));
    out.add(Sample.counter("disk_writes_merged_total", labels, writesMerged.raw()));
    out.add(Sample.counter("disk_written_bytes_total", labels, writtenSectors.raw(), SECTOR_BYTES));
    out.add(Sample.counter("disk_write_time_seconds_total", labels, writeMs.raw(), 0.001));
    out.add(Sample.gauge("disk_io_now", labels, Math.round(inFlight)));
    out.add(Sample.counter("disk_io_time_seconds_total", labels, ioMs.raw(), 0.001));
    out.add(
        Sample.counter("disk_io_time_weighted_seconds_total", labels, weightedIoMs.raw(), 0.001));
    out.add(Sample.counter("disk_discards_completed_total", labels, discards.raw()));
    out.add(Sample.counter("disk_discards_merged_total", labels, 0));
    // Scale 1, as node_exporter: this family stays in sectors.
    out.add(Sample.counter("disk_discarded_sectors_total", labels, discardedSectors.raw()));
    out.add(Sample.counter("disk_discard_time_seconds_total", labels, discardMs.raw(), 0.001));
    out.add(Sample.counter("disk_flush_requests_total", labels, flushes.raw()));
    out.add(Sample.counter("disk_flush_requests_time_seconds_total", labels, flushMs.raw(), 0.001));
    out.add(Sample.gauge("disk_info", infoLabels, 1));
  }
}
