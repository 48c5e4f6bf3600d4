// iostat -x figures from the hub's per-second rates of the /proc/diskstats counters
// (Documentation/admin-guide/iostats.rst; sysstat iostat.c). The hub serves every *_total counter
// as a rate, so for one device over one interval:
//   r/s     = rate(disk_reads_completed_total)
//   w/s     = rate(disk_writes_completed_total)
//   rMB/s   = rate(disk_read_bytes_total) / 2^20 (iostat -m divides 512-byte sectors by 2048)
//   r_await = rate(disk_read_time_seconds_total) / rate(disk_reads_completed_total)   (ms per read)
//   w_await = rate(disk_write_time_seconds_total) / rate(disk_writes_completed_total)
//   %util   = rate(disk_io_time_seconds_total) * 100 (fraction of wall time with I/O in flight)

export const DISK_METRICS = Object.freeze({
  reads: 'disk_reads_completed_total',
  writes: 'disk_writes_completed_total',
  readBytes: 'disk_read_bytes_total',
  writtenBytes: 'disk_written_bytes_total',
  readTime: 'disk_read_time_seconds_total',
  writeTime: 'disk_write_time_seconds_total',
  ioTime: 'disk_io_time_seconds_total',
});

const MIB = 1024 * 1024;

function num(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Average time per request in ms; null when no request completed (iostat prints 0.00 there). */
export function awaitMs(timeSecondsPerSecond, opsPerSecond) {
  const t = num(timeSecondsPerSecond);
  const n = num(opsPerSecond);
  if (t === null || n === null || n <= 0) return null;
  return (t / n) * 1000;
}

/**
 * @param rates map of metric name -> per-second rate for one device (missing metrics absent)
 * @returns {{rps, wps, rMBps, wMBps, rAwaitMs, wAwaitMs, util}} with null where unknown; util 0..1
 */
export function iostat(rates) {
  const r = (m) => num(rates[m]);
  const readBytes = r(DISK_METRICS.readBytes);
  const writtenBytes = r(DISK_METRICS.writtenBytes);
  const ioTime = r(DISK_METRICS.ioTime);
  return {
    rps: r(DISK_METRICS.reads),
    wps: r(DISK_METRICS.writes),
    rMBps: readBytes === null ? null : readBytes / MIB,
    wMBps: writtenBytes === null ? null : writtenBytes / MIB,
    rAwaitMs: awaitMs(r(DISK_METRICS.readTime), r(DISK_METRICS.reads)),
    wAwaitMs: awaitMs(r(DISK_METRICS.writeTime), r(DISK_METRICS.writes)),
    // io_time can exceed wall time by a tick's rounding; iostat caps %util at 100.
    util: ioTime === null ? null : Math.min(1, Math.max(0, ioTime)),
  };
}
