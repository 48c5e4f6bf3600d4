import { test, eq, deepEq } from '../harness.js';
import { appendPoint, createLine, gapToFill, increaseFromRates, mergePoints, trimBefore } from '/js/timeseries.js';

test('raw-step live points append, replace the same second, ignore older ones', () => {
  const l = createLine([1000, 2000], [0.1, 0.2]);
  appendPoint(l, 3000, 0.3, 1000, 5000);
  appendPoint(l, 3000, 0.35, 1000, 5000);
  appendPoint(l, 1500, 0.9, 1000, 5000);
  deepEq(l.timestamps, [1000, 2000, 3000]);
  deepEq(l.values, [0.1, 0.2, 0.35]);
});

test('a jump longer than the gap limit leaves a null so no line is drawn across it', () => {
  const l = createLine([1000], [1]);
  appendPoint(l, 20000, 2, 1000, 5000);
  deepEq(l.timestamps, [1000, 1001, 20000]);
  deepEq(l.values, [1, null, 2]);
});

test('rollup-step live points average into buckets; the loaded last bucket is left alone', () => {
  const l = createLine([0, 10000], [5, 7]);
  appendPoint(l, 12000, 100, 10000, 30000);
  deepEq(l.values, [5, 7], 'a point inside the loaded bucket');
  appendPoint(l, 21000, 2, 10000, 30000);
  appendPoint(l, 22000, 4, 10000, 30000);
  appendPoint(l, 23000, null, 10000, 30000);
  deepEq(l.timestamps, [0, 10000, 20000]);
  deepEq(l.values, [5, 7, 3]);
  appendPoint(l, 30000, 1, 10000, 30000);
  deepEq(l.timestamps, [0, 10000, 20000, 30000]);
});

test('trimBefore drops points older than the window', () => {
  const l = createLine([1, 2, 3, 4], [1, 2, 3, 4]);
  trimBefore(l, 3);
  deepEq([l.timestamps, l.values], [[3, 4], [3, 4]]);
});

test('mergePoints interleaves and replaces equal timestamps', () => {
  const l = createLine([1000, 2000, 5000], [1, 2, 5]);
  mergePoints(l, [2000, 3000, 4000], [20, 3, 4]);
  deepEq(l.timestamps, [1000, 2000, 3000, 4000, 5000]);
  deepEq(l.values, [1, 20, 3, 4, 5]);
});

test('mergePoints drops gap markers inside the span it answers for, keeps those outside', () => {
  const l = createLine([1000], [1]);
  appendPoint(l, 20000, 2, 1000, 5000);
  deepEq(l.values, [1, null, 2]);
  mergePoints(l, [2000, 3000, 19000], [5, 6, 7], 1001, 19999);
  deepEq(l.timestamps, [1000, 2000, 3000, 19000, 20000]);
  deepEq(l.values, [1, 5, 6, 7, 2]);
  const m = createLine([1000, 1001, 9000], [1, null, 3]);
  mergePoints(m, [5000, 6000], [4, 5]);
  deepEq(m.values, [1, null, 4, 5, 3], 'a marker before the span stays');
});

test('gapToFill: nothing when recent, the missing span otherwise, the whole window when empty', () => {
  eq(gapToFill(100000, 101500, 1000, 0), null);
  deepEq(gapToFill(100000, 160000, 1000, 0), { from: 100001, to: 160000 });
  deepEq(gapToFill(100000, 160000, 1000, 150000), { from: 150000, to: 160000 });
  deepEq(gapToFill(null, 160000, 1000, 60000), { from: 60000, to: 160000 });
  eq(gapToFill(100000, 200000, 60000, 0), null, 'within two rollup steps');
});

test('increaseFromRates integrates rate x step and skips gaps', () => {
  eq(increaseFromRates([0, 1 / 60, null, 2 / 60, NaN], 60000), 3);
  eq(increaseFromRates([0.5, 0.5], 1000), 1);
  eq(increaseFromRates([], 1000), 0);
});
