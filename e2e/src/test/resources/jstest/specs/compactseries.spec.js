import { test, eq, deepEq } from '../harness.js';
import { decodeCompactSeries, decodeSeriesBody, float32FromBase64 } from '/js/compactseries.js';

/** Base64 of float32 values, little-endian, as the hub writes them (docs/API.md). */
function encode(values) {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  let bin = '';
  for (const b of new Uint8Array(view.buffer)) bin += String.fromCharCode(b);
  return btoa(bin);
}

test('float32 values round-trip through base64, a gap stays NaN', () => {
  const values = [0, 0.9, -1.5, 1e-7, 80e9, 3.4e38, NaN, 1 / 3];
  const back = float32FromBase64(encode(values), values.length);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) eq(Number.isNaN(back[i]), true);
    else eq(back[i], Math.fround(values[i]));
  }
});

test('bytes written by the hub decode to its floats', () => {
  // Java: ByteBuffer LITTLE_ENDIAN putFloat(0.9f), putFloat(NaN), putFloat(350f), base64.
  const back = float32FromBase64('ZmZmPwAAwH8AAK9D', 3);
  eq(back[0], Math.fround(0.9));
  eq(Number.isNaN(back[1]), true);
  eq(back[2], 350);
});

test('a compact series becomes timestamps and values with null gaps', () => {
  const s = decodeCompactSeries({
    host: 'n1', labels: { gpu: '0' }, unit: 'ratio', step_ms: 60000, start_ms: 1200000, count: 3,
    values: encode([0.25, NaN, 0.75]), min: encode([0.125, NaN, 0.5]), max: encode([0.5, NaN, 1]), source: 'hub',
  });
  deepEq(s.timestamps, [1200000, 1260000, 1320000]);
  deepEq(s.values, [0.25, null, 0.75]);
  deepEq(s.min, [0.125, null, 0.5]);
  deepEq(s.max, [0.5, null, 1]);
  eq(s.host, 'n1');
  deepEq(s.labels, { gpu: '0' });
  eq(s.step_ms, 60000);
});

test('listed timestamps are used as they are; without bands there is no min or max', () => {
  const s = decodeCompactSeries({ step_ms: 1000, start_ms: 5, count: 2, timestamps: [5, 60005], values: encode([1, 2]) });
  deepEq(s.timestamps, [5, 60005]);
  deepEq(s.values, [1, 2]);
  eq('min' in s, false);
});

test('a length that does not match the count is an error naming both', () => {
  let message = '';
  try {
    decodeCompactSeries({ step_ms: 1000, start_ms: 0, count: 3, values: encode([1, 2]) });
  } catch (e) {
    message = e.message;
  }
  eq(message, 'compact series: 8 bytes of values for 3 points');
});

test('a body in the JSON form passes through; a compact body gets the JSON shape', () => {
  const json = { metric: 'm', step_ms: 1000, series: [{ timestamps: [1], values: [2] }] };
  eq(decodeSeriesBody(json), json);
  const compact = decodeSeriesBody({
    metric: 'm', format: 'compact', step_ms: 1000, series: [{ host: 'h', labels: {}, step_ms: 1000, start_ms: 7000, count: 1, values: encode([4]) }],
  });
  eq('format' in compact, false);
  eq(compact.step_ms, 1000);
  deepEq(compact.series[0].timestamps, [7000]);
  deepEq(compact.series[0].values, [4]);
});
