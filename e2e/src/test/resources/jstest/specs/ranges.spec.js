import { test, eq, deepEq, throws } from '../harness.js';
import { maxPointsForWidth, rangeWindow } from '/js/ranges.js';

const NOW = 1764072000000;

test('max_points is the chart width in pixels, within the hub limits', () => {
  eq(maxPointsForWidth(1180.4), 1180);
  eq(maxPointsForWidth(10), 60);
  eq(maxPointsForWidth(50000), 10000);
  eq(maxPointsForWidth(NaN), 600);
});

test('fixed ranges end now and follow live', () => {
  deepEq(rangeWindow('live', NOW), { from: NOW - 900000, to: NOW, follow: true, windowMs: 900000 });
  deepEq(rangeWindow('24h', NOW), { from: NOW - 86400000, to: NOW, follow: true, windowMs: 86400000 });
});

test('whole job: start to end for a finished job, start to now (following) for a running one', () => {
  deepEq(rangeWindow('job', NOW, { start_ms: NOW - 5000, end_ms: NOW - 1000 }), { from: NOW - 5000, to: NOW - 1000, follow: false, windowMs: null });
  deepEq(rangeWindow('job', NOW, { start_ms: NOW - 5000, end_ms: null }), { from: NOW - 5000, to: NOW, follow: true, windowMs: null });
  throws(() => rangeWindow('job', NOW, {}), /job start/, 'missing start');
  throws(() => rangeWindow('2h', NOW), /unknown range/, 'unknown key');
});
