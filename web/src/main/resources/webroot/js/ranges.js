// The job page's range picker: which window to load and how many points to ask for.

export const RANGES = Object.freeze([
  { key: 'live', label: 'Live 15 min', lengthMs: 15 * 60 * 1000 },
  { key: '1h', label: '1 h', lengthMs: 60 * 60 * 1000 },
  { key: '6h', label: '6 h', lengthMs: 6 * 60 * 60 * 1000 },
  { key: '24h', label: '24 h', lengthMs: 24 * 60 * 60 * 1000 },
  { key: 'job', label: 'Whole job', lengthMs: null },
]);

export const DEFAULT_RANGE = 'live';

/** The hub answers at most this many points per series (docs/API.md). */
export const HUB_MAX_POINTS = 10000;
const MIN_POINTS = 60;

/** One point per horizontal pixel of the chart's plot area is all a line chart can show. */
export function maxPointsForWidth(widthPx) {
  const w = Number.isFinite(widthPx) ? Math.round(widthPx) : 600;
  return Math.min(HUB_MAX_POINTS, Math.max(MIN_POINTS, w));
}

/**
 * The window of a range at `nowMs`.
 * @param job the job ({start_ms, end_ms}) for the 'job' range; ignored otherwise
 * @returns {{from, to, follow, windowMs}}: `follow` when the window ends now and must advance
 *   live; `windowMs` is the length kept while following (null: keep everything from `from`)
 */
export function rangeWindow(key, nowMs, job) {
  if (key === 'job') {
    if (!job || !Number.isFinite(job.start_ms)) throw new Error('the whole-job range needs the job start');
    const ended = Number.isFinite(job.end_ms);
    return { from: job.start_ms, to: ended ? job.end_ms : nowMs, follow: !ended, windowMs: null };
  }
  const range = RANGES.find((r) => r.key === key);
  if (!range) throw new Error('unknown range: ' + key);
  return { from: nowMs - range.lengthMs, to: nowMs, follow: true, windowMs: range.lengthMs };
}

export function isRangeKey(key) {
  return RANGES.some((r) => r.key === key);
}
