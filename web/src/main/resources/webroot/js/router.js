// Hash routes, so every page has a URL that can be shared: #/, #/job/{id}, #/node/{host}, #/idle,
// #/jobs.

/**
 * Parses a location hash into {name, param, query}; unknown routes give {name: 'notfound'}.
 * A query after '?' carries page options such as the job page's range (#/job/4711?range=24h).
 */
export function parseRoute(hash) {
  const full = (hash || '').replace(/^#/, '');
  const q = full.indexOf('?');
  const path = q < 0 ? full : full.slice(0, q);
  const query = q < 0 ? {} : Object.fromEntries(new URLSearchParams(full.slice(q + 1)));
  const route = parsePath(path);
  if (Object.keys(query).length && route.name !== 'notfound') route.query = query;
  return route;
}

function parsePath(path) {
  if (path === '' || path === '/') return { name: 'cluster' };
  if (path === '/idle') return { name: 'idle' };
  if (path === '/jobs') return { name: 'jobs' };
  const m = /^\/(job|node)\/(.+)$/.exec(path);
  if (m) {
    let param;
    try {
      param = decodeURIComponent(m[2]);
    } catch (e) {
      return { name: 'notfound', path };
    }
    return { name: m[1], param };
  }
  return { name: 'notfound', path };
}

export function jobHash(id, range) {
  return '#/job/' + encodeURIComponent(id) + (range ? '?range=' + encodeURIComponent(range) : '');
}

export function nodeHash(host) {
  return '#/node/' + encodeURIComponent(host);
}

export const CLUSTER_HASH = '#/';
export const IDLE_HASH = '#/idle';
export const JOBS_HASH = '#/jobs';
