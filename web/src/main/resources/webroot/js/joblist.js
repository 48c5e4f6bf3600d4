// The jobs page's logic without the DOM: the filters in the page's hash, the API query of one page,
// and sorting a page's rows by a column.

export const FILTERS = ['state', 'user', 'account', 'partition', 'since', 'until'];
export const PAGE_SIZE = 50;

/** The filters of #/jobs?user=...&since=7d (empty values dropped). */
export function filtersFromQuery(query) {
  const out = {};
  for (const k of FILTERS) {
    const v = query && query[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') out[k] = String(v).trim();
  }
  return out;
}

/** The hash of the jobs page with these filters. */
export function jobsHash(filters) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  return '#/jobs' + (s ? '?' + s : '');
}

/** Parameters of GET /api/v1/jobs for one page. */
export function pageQuery(filters, cursor, limit = PAGE_SIZE) {
  const q = { ...filtersFromQuery(filters), limit };
  if (cursor) q.cursor = cursor;
  return q;
}

/** Columns that sort: the value each compares by (missing values sort last). */
export const SORT_KEYS = {
  id: (j) => j.id,
  user: (j) => j.user,
  account: (j) => (j.attributes || {}).account,
  state: (j) => j.state,
  start: (j) => j.start_ms,
  end: (j) => j.end_ms,
  gpus: (j) => (j.gpus || []).length,
  gpu_hours: (j) => (j.summary || {}).gpu_hours,
  util: (j) => (j.summary || {}).mean_gpu_utilization,
  idle: (j) => (j.summary || {}).idle_gpu_minutes,
};

/** A sorted copy of a page's jobs; {key, dir} with dir 1 (ascending) or -1. */
export function sortJobs(jobs, sort) {
  if (!sort || !SORT_KEYS[sort.key]) return jobs.slice();
  const get = SORT_KEYS[sort.key];
  return jobs.slice().sort((a, b) => {
    const x = get(a);
    const y = get(b);
    const xm = x === undefined || x === null;
    const ym = y === undefined || y === null;
    if (xm || ym) return xm === ym ? 0 : xm ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * sort.dir;
  });
}
