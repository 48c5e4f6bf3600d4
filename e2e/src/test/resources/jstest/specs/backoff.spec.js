import { test, eq, deepEq } from '../harness.js';
import { backoffDelay } from '/js/backoff.js';

test('backoff doubles from 500 ms and stops at 10 s', () => {
  deepEq([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, () => 0.5)), [500, 1000, 2000, 4000, 8000, 10000, 10000]);
});

test('jitter spreads delays by 20 % either way, never past the cap', () => {
  eq(backoffDelay(1, () => 0), 800);
  eq(backoffDelay(1, () => 0.999999), 1200);
  eq(backoffDelay(8, () => 0.999999), 10000);
});
