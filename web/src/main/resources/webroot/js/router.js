// Hash routes, so every page has a URL that can be shared: #/, #/job/{id}, #/node/{host}, #/idle.

/** Parses a location hash into {name, param}; unknown routes give {name: 'notfound'}. */
export function parseRoute(hash) {
  const path = (hash || '').replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'cluster' };
  if (path === '/idle') return { name: 'idle' };
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

export function jobHash(id) {
  return '#/job/' + encodeURIComponent(id);
}

export function nodeHash(host) {
  return '#/node/' + encodeURIComponent(host);
}

export const CLUSTER_HASH = '#/';
export const IDLE_HASH = '#/idle';
