// Client-side buffers of chart lines: history from /api/v1/series, live points appended from
// /live deltas, trimmed to the visible window, and the gap to re-query after a reconnect.

/** A line's points, sorted by time. `values` may hold null for a gap. */
export function createLine(timestamps = [], values = []) {
  if (timestamps.length !== values.length) throw new Error('timestamps and values differ in length');
  return { timestamps: timestamps.slice(), values: values.slice(), liveBucket: null };
}

export function lastTimestamp(line) {
  return line.timestamps.length ? line.timestamps[line.timestamps.length - 1] : null;
}

/**
 * Merges sorted points into a line: existing points at the same time are replaced. Gap markers
 * (null values) inside [coveredFrom, coveredTo], the span the new points answer for, are dropped:
 * the hub's answer marks its own gaps there.
 */
export function mergePoints(line, timestamps, values, coveredFrom = timestamps[0], coveredTo = timestamps[timestamps.length - 1]) {
  if (Number.isFinite(coveredFrom) && Number.isFinite(coveredTo)) {
    const keep = line.timestamps.map((t, k) => !(t >= coveredFrom && t <= coveredTo && line.values[k] === null));
    if (keep.includes(false)) {
      line.timestamps = line.timestamps.filter((t, k) => keep[k]);
      line.values = line.values.filter((v, k) => keep[k]);
    }
  }
  const ts = [];
  const vs = [];
  let i = 0;
  let j = 0;
  while (i < line.timestamps.length || j < timestamps.length) {
    const a = i < line.timestamps.length ? line.timestamps[i] : Infinity;
    const b = j < timestamps.length ? timestamps[j] : Infinity;
    if (b <= a) {
      ts.push(b);
      vs.push(values[j]);
      j++;
      if (a === b) i++;
    } else {
      ts.push(a);
      vs.push(line.values[i]);
      i++;
    }
  }
  line.timestamps = ts;
  line.values = vs;
  line.liveBucket = null;
}

/**
 * Appends one live point (t ms, v). With `stepMs` above the sampling interval the history came
 * from a rollup tier, so live points are averaged into buckets of that step starting at multiples
 * of it, like the hub's rollups; a point inside the last loaded bucket is left to that bucket.
 * A jump of more than `gapAfterMs` leaves a null so the chart does not draw across missing data.
 */
export function appendPoint(line, t, v, stepMs, gapAfterMs) {
  const last = lastTimestamp(line);
  const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (last !== null && t <= last) {
    if (t === last && stepMs <= 1000) line.values[line.values.length - 1] = value;
    return;
  }
  const bucket = stepMs > 1000 ? Math.floor(t / stepMs) * stepMs : t;
  if (last !== null && stepMs > 1000 && bucket <= last) {
    const lb = line.liveBucket;
    if (lb && lb.start === last && value !== null) {
      lb.sum += value;
      lb.count++;
      line.values[line.values.length - 1] = lb.sum / lb.count;
    }
    return;
  }
  if (last !== null && bucket - last > gapAfterMs) {
    line.timestamps.push(last + 1);
    line.values.push(null);
  }
  line.timestamps.push(bucket);
  line.values.push(value);
  line.liveBucket = stepMs > 1000 ? { start: bucket, sum: value ?? 0, count: value === null ? 0 : 1 } : null;
}

/** Drops points older than `fromMs`. */
export function trimBefore(line, fromMs) {
  let k = 0;
  while (k < line.timestamps.length && line.timestamps[k] < fromMs) k++;
  if (k > 0) {
    line.timestamps.splice(0, k);
    line.values.splice(0, k);
  }
}

/**
 * The range to re-query after the live connection was down: from just after the newest point
 * the page holds to now, or null when nothing is missing (the newest point is within two steps).
 */
export function gapToFill(newestMs, nowMs, stepMs, windowFromMs) {
  if (newestMs === null || newestMs === undefined) return { from: windowFromMs, to: nowMs };
  if (nowMs - newestMs <= 2 * Math.max(stepMs, 1000)) return null;
  return { from: Math.max(newestMs + 1, windowFromMs), to: nowMs };
}

/**
 * The increase of a counter over a window from its per-second rates as the hub serves them:
 * sum of rate x step, skipping gaps (a reset is a gap, so it adds nothing).
 */
export function increaseFromRates(values, stepMs) {
  let sum = 0;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) sum += v * (stepMs / 1000);
  }
  return sum;
}
