// Boots the dashboard: one /live connection, the hash router, and the view of the current route.

import { createApi } from './api.js';
import { groupByFromQuery } from './idleboard.js';
import { el, clear } from './dom.js';
import { LiveConnection, liveUrl } from './live.js';
import { onUnauthorized, whoLabel } from './login.js';
import { parseRoute } from './router.js';
import { createClusterView } from './views/cluster.js';
import { createIdleView } from './views/idle.js';
import { createJobView } from './views/job.js';
import { createJobsView } from './views/jobs.js';
import { createNodeView } from './views/node.js';

performance.mark('cw-boot');
const root = document.getElementById('view');
const banner = document.getElementById('banner');
const errorBox = document.getElementById('error');
const who = document.getElementById('who');
const api = createApi();
let current = null;
let mountSeq = 0;

/** Not logged in (or the session ended): to the login page, or a message behind a proxy. */
function loggedOut(e) {
  live.stop();
  const next = onUnauthorized(e.login, window.location);
  if (next.redirect) {
    window.location.assign(next.redirect);
    return;
  }
  clear(root);
  root.append(el('h1', { text: 'Not logged in' }), el('p', { text: next.message }));
}

function report(e) {
  if (e && e.status === 401) {
    loggedOut(e);
    return;
  }
  errorBox.textContent = e && e.message ? e.message : String(e);
  errorBox.classList.remove('hidden');
}

function clearReport() {
  errorBox.classList.add('hidden');
}

const ctx = { api, navigate: (hash) => { window.location.hash = hash; }, report, clearReport };

function viewFor(route) {
  switch (route.name) {
    case 'cluster': return createClusterView(ctx);
    case 'idle': return createIdleView(ctx, groupByFromQuery(route.query));
    case 'job': return createJobView(ctx, route.param, route.query);
    case 'jobs': return createJobsView(ctx, route.query);
    case 'node': return createNodeView(ctx, route.param);
    default: return null;
  }
}

function markNav(route) {
  for (const a of document.querySelectorAll('nav a[data-route]')) {
    a.classList.toggle('active', a.dataset.route === route.name);
  }
}

async function show() {
  const seq = ++mountSeq;
  if (current) current.dispose();
  current = null;
  clear(root);
  delete root.dataset.ready;
  errorBox.classList.add('hidden');
  const route = parseRoute(window.location.hash);
  markNav(route);
  const view = viewFor(route);
  if (!view) {
    root.append(el('h1', { text: 'No such page' }), el('p', { text: 'Try the cluster overview.' }));
    live.subscribe(null);
    return;
  }
  current = view;
  document.title = 'clusterwatch \u00b7 ' + view.title;
  live.subscribe(view.liveView);
  try {
    await view.mount(root);
    if (seq !== mountSeq) return;
    // Everything of the view is drawn: the browser tests and the page-load benchmark wait on this.
    root.dataset.ready = route.name;
    performance.mark('cw-view-ready');
  } catch (e) {
    if (seq === mountSeq) report(e);
  }
}

function onStatus(s) {
  if (s.state === 'open') {
    banner.classList.add('hidden');
    document.body.dataset.live = 'open';
    if (s.reconnected && current && current.onReconnected) {
      Promise.resolve(current.onReconnected()).catch(report);
    }
  } else if (s.state === 'lost') {
    document.body.dataset.live = 'lost';
    // A hub refuses /live to a session that ended: whoami's 401 tells the two apart.
    if (s.attempt > 0) showWho();
    banner.textContent = 'Live connection lost, reconnecting' + (s.attempt > 0 ? ' (attempt ' + (s.attempt + 1) + ')' : '') + '\u2026';
    banner.classList.remove('hidden');
  }
}

const live = new LiveConnection({
  url: liveUrl(window.location),
  onMessage: (msg) => {
    if (msg.type === 'error') {
      report(new Error('live: ' + msg.error + ' (retrying)'));
      errorBox.dataset.live = 'true';
      return;
    }
    if (msg.type === 'snapshot' && errorBox.dataset.live) {
      delete errorBox.dataset.live;
      errorBox.classList.add('hidden');
    }
    // Alert updates name no view (docs/API.md): they belong to the view this connection subscribed.
    const forView = msg.view === current?.liveView || (msg.type === 'alerts' && msg.view === undefined);
    if (current && current.onLive && forView) current.onLive(msg);
  },
  onStatus,
});

function showWho() {
  api.whoami().then((w) => {
    const label = whoLabel(w);
    who.textContent = label || '';
    who.classList.toggle('hidden', !label);
  }).catch(report);
}

window.addEventListener('hashchange', show);
window.addEventListener('resize', () => current && current.resize && current.resize());
live.start();
showWho();
show();
