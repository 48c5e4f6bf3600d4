// The hub's HTTP API (docs/API.md). Every call returns parsed JSON or throws an ApiError that
// carries the hub's {"error": ...} message. A 401 (no session, with a login configured) sends the
// browser to the login page, which brings it back here afterwards.

import { loginPage } from './loginform.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Query string of GET /api/v1/series from {job | host, metric, labels, from, to, maxPoints}. */
export function seriesPath(q) {
  const p = new URLSearchParams();
  if (q.job !== undefined) p.set('job', q.job);
  else if (q.host !== undefined) p.set('host', q.host);
  else throw new Error('a series query needs a job or a host');
  p.set('metric', q.metric);
  for (const [k, v] of Object.entries(q.labels || {})) p.set('label.' + k, v);
  if (q.from !== undefined) p.set('from', String(Math.floor(q.from)));
  if (q.to !== undefined) p.set('to', String(Math.ceil(q.to)));
  if (q.maxPoints !== undefined) p.set('max_points', String(q.maxPoints));
  return '/api/v1/series?' + p.toString();
}

/** "?a=1&b=2" from the defined entries of q, "" when there are none. */
export function queryString(q) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q || {})) {
    if (v !== undefined && v !== null) p.set(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

function goToLogin() {
  location.assign(loginPage(location.pathname + location.search + location.hash));
}

async function getJson(path, fetchFn, onUnauthorized) {
  const res = await fetchFn(path, { headers: { Accept: 'application/json' } });
  if (res.status === 401) onUnauthorized();
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    if (res.ok) throw new ApiError(res.status, 'the hub sent a body that is not JSON for ' + path);
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || 'HTTP ' + res.status + ' for ' + path);
  return body;
}

export function createApi(fetchFn = (...a) => fetch(...a), onUnauthorized = goToLogin) {
  return {
    cluster: () => getJson('/api/v1/cluster', fetchFn, onUnauthorized),
    // The largest page: the idle board's fallback needs every running job at once.
    jobs: (state) => getJson('/api/v1/jobs' + queryString({ state, limit: 1000 }), fetchFn, onUnauthorized),
    jobsPage: (q) => getJson('/api/v1/jobs' + queryString(q), fetchFn, onUnauthorized),
    job: (id) => getJson('/api/v1/jobs/' + encodeURIComponent(id), fetchFn, onUnauthorized),
    node: (host) => getJson('/api/v1/nodes/' + encodeURIComponent(host), fetchFn, onUnauthorized),
    alerts: (q = {}) => getJson('/api/v1/alerts' + queryString(q), fetchFn, onUnauthorized),
    idle: (groupBy) => getJson('/api/v1/idle?group_by=' + encodeURIComponent(groupBy), fetchFn, onUnauthorized),
    series: (q) => getJson(seriesPath(q), fetchFn, onUnauthorized),
  };
}
