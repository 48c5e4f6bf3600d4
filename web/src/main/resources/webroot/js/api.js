// The hub's HTTP API (docs/API.md). Every call returns parsed JSON or throws an ApiError that
// carries the hub's {"error": ...} message.

import { decodeSeriesBody } from './compactseries.js';

export class ApiError extends Error {
  /** @param login on a 401, how to log in: "proxy", "ldap" or "oidc" (the body's "login") */
  constructor(status, message, login) {
    super(message);
    this.status = status;
    this.login = login;
  }
}

/**
 * Query string of GET /api/v1/series from {job | host, metric, labels, from, to, maxPoints,
 * format, bands}.
 */
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
  if (q.format !== undefined) p.set('format', q.format);
  if (q.bands !== undefined) p.set('bands', String(q.bands));
  if (q.whenEmpty !== undefined) p.set('when_empty', q.whenEmpty.join(','));
  return '/api/v1/series?' + p.toString();
}

/**
 * Path of GET /api/v1/series/batch: each query's own query string as one `q`; `whenEmpty`
 * (indices of earlier queries) asks the hub to answer a query only when those matched no series.
 */
export function seriesBatchPath(queries) {
  const p = new URLSearchParams();
  for (const q of queries) p.append('q', seriesPath(q).slice('/api/v1/series?'.length));
  return '/api/v1/series/batch?' + p.toString();
}

/** One answer of a batch: the decoded body, null when the hub skipped it, or the ApiError of that query. */
function batchAnswer(answer) {
  if (answer.skipped) return null;
  if (answer.error !== undefined) return new ApiError(answer.status, answer.error);
  return decodeSeriesBody(answer);
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

async function getJson(path, fetchFn) {
  const res = await fetchFn(path, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    if (res.ok) throw new ApiError(res.status, 'the hub sent a body that is not JSON for ' + path);
  }
  if (!res.ok) {
    throw new ApiError(res.status, (body && body.error) || 'HTTP ' + res.status + ' for ' + path, body && body.login);
  }
  return body;
}

export function createApi(fetchFn = (...a) => fetch(...a)) {
  return {
    cluster: () => getJson('/api/v1/cluster', fetchFn),
    // The largest page: the idle board's fallback needs every running job at once.
    jobs: (state) => getJson('/api/v1/jobs' + queryString({ state, limit: 1000 }), fetchFn),
    jobsPage: (q) => getJson('/api/v1/jobs' + queryString(q), fetchFn),
    job: (id) => getJson('/api/v1/jobs/' + encodeURIComponent(id), fetchFn),
    node: (host) => getJson('/api/v1/nodes/' + encodeURIComponent(host), fetchFn),
    alerts: (q = {}) => getJson('/api/v1/alerts' + queryString(q), fetchFn),
    idle: (groupBy) => getJson('/api/v1/idle?group_by=' + encodeURIComponent(groupBy), fetchFn),
    // The compact form (float32 values in base64) is a quarter of the JSON's size and parses
    // without a number parser; no chart draws min/max bands, so none are asked for.
    series: (q) => getJson(seriesPath({ format: 'compact', bands: false, ...q }), fetchFn).then(decodeSeriesBody),
    // Several series queries in one request (docs/API.md): an answer per query, in their order.
    seriesBatch: (queries) => getJson(seriesBatchPath(queries.map((q) => ({ format: 'compact', bands: false, ...q }))), fetchFn)
      .then((body) => body.answers.map(batchAnswer)),
    whoami: () => getJson('/api/v1/whoami', fetchFn),
  };
}
