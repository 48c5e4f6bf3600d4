import { test, eq, near } from '../harness.js';
import { awaitMs, iostat } from '/js/iostat.js';

// Two consecutive real /proc/diskstats lines for sda (python-diamond/Diamond, MIT,
// src/collectors/diskusage/test/fixtures/proc_diskstats_{1,2}_service_time).
const BEFORE = '   8       0 sda 168700944 6967859 37498924350 279866156 119482186 2800819711 23119810076 2646497508 0 300803444 2926584560';
const AFTER = '   8       0 sda 168700982 6967859 37498925742 279866428 119482410 2800820801 23119820004 2646497632 0 300803636 2926584956';

/** Per-second rates in base units as the hub derives them from the agent's counters, over dt seconds. */
function ratesFrom(before, after, dt) {
  const a = before.trim().split(/\s+/).slice(3).map(Number);
  const b = after.trim().split(/\s+/).slice(3).map(Number);
  const d = (i) => (b[i] - a[i]) / dt;
  return {
    disk_reads_completed_total: d(0),
    disk_read_bytes_total: d(2) * 512,
    disk_read_time_seconds_total: d(3) / 1000,
    disk_writes_completed_total: d(4),
    disk_written_bytes_total: d(6) * 512,
    disk_write_time_seconds_total: d(7) / 1000,
    disk_io_time_seconds_total: d(9) / 1000,
  };
}

test('iostat -x figures from real diskstats deltas (interval 1 s)', () => {
  const s = iostat(ratesFrom(BEFORE, AFTER, 1));
  eq(s.rps, 38);
  eq(s.wps, 224);
  near(s.rMBps, 1392 / 2048, 1e-9, 'rMB/s = sectors / 2048');
  near(s.wMBps, 9928 / 2048, 1e-9, 'wMB/s');
  near(s.rAwaitMs, 272 / 38, 1e-9, 'r_await = delta read ms / delta reads');
  near(s.wAwaitMs, 124 / 224, 1e-9, 'w_await');
  near(s.util, 0.192, 1e-12, '%util = delta io_ticks / interval');
});

test('await does not depend on the interval; rates and util scale with it', () => {
  const one = iostat(ratesFrom(BEFORE, AFTER, 1));
  const two = iostat(ratesFrom(BEFORE, AFTER, 2));
  near(two.rAwaitMs, one.rAwaitMs, 1e-9, 'r_await');
  near(two.rps, one.rps / 2, 1e-9, 'r/s');
  near(two.util, one.util / 2, 1e-12, 'util');
});

test('no completed I/O means no await; missing counters stay missing; util is capped at 100 %', () => {
  eq(awaitMs(0, 0), null);
  eq(awaitMs(0.1, null), null);
  const s = iostat({ disk_io_time_seconds_total: 1.004 });
  eq(s.util, 1);
  eq(s.rps, null);
  eq(s.rMBps, null);
});
