// The alerts panel of the cluster and node pages: firing and pending alerts, newest first,
// coloured by severity, each with links to its node, GPU and job and the time since it fired.
// Loaded from GET /api/v1/alerts, then replaced by every {"type": "alerts"} live message. A hub
// that does not serve alerts leaves the panel saying so; the rest of the page is unaffected.

import { alertCounts, alertGpu, alertSince, panelAlerts, severityClass } from '../alerts.js';
import { el, clear } from '../dom.js';
import { clock, duration } from '../format.js';
import { jobHash, nodeHash } from '../router.js';

/** "since" times are relative, so the list is redrawn this often between updates. */
const REDRAW_MS = 10000;

function unavailableText(e) {
  if (e && e.status === 404) return 'Alerts unavailable: this hub does not serve /api/v1/alerts.';
  return 'Alerts unavailable: ' + (e && e.message ? e.message : String(e));
}

/**
 * @param ctx the page context (api)
 * @param host null for the whole cluster, or the node whose alerts are shown
 */
export function createAlertsPanel(ctx, host = null) {
  const countEl = el('span', { cls: 'alerts-count' });
  const bodyEl = el('div', { cls: 'alerts-body' });
  const root = el('section', { cls: 'alerts-panel', data: { testid: 'alerts', state: 'loading' } }, [
    el('h2', {}, [el('span', { text: host ? 'Alerts on this node' : 'Alerts' }), countEl]),
    bodyEl,
  ]);
  bodyEl.append(el('p', { cls: 'muted', text: 'Loading alerts\u2026' }));
  let alerts = null;
  let timer = null;

  function alertRow(a) {
    const l = a.labels || {};
    const since = alertSince(a);
    const gpu = alertGpu(a);
    // The GPU links to its node's page, which lists every GPU of the node.
    const gpuEl = !gpu ? null : l.host ? el('a', { href: nodeHash(l.host), text: gpu, cls: 'alert-gpu' }) : el('span', { text: gpu });
    const where = el('span', { cls: 'alert-where' }, [
      l.host ? el('a', { href: nodeHash(l.host), text: l.host }) : null,
      gpuEl,
      l.job_id ? el('a', { href: jobHash(l.job_id), text: 'job ' + l.job_id }) : null,
      l.user ? el('span', { text: l.user }) : null,
    ]);
    return el('li', { cls: 'alert ' + severityClass(a.severity) + ' state-' + (a.state === 'firing' ? 'firing' : 'pending'),
      data: { rule: a.rule ?? '', state: a.state ?? '' } }, [
      el('span', { cls: 'alert-sev', text: (a.severity ?? 'unknown').toUpperCase() }),
      el('span', { cls: 'alert-state', text: a.state }),
      el('span', { cls: 'alert-summary', text: a.summary || a.rule || '' }),
      where,
      el('span', { cls: 'alert-since', title: since === null ? '' : new Date(since).toISOString(),
        text: since === null ? '' : 'since ' + clock(since) + ' (' + duration(Date.now() - since) + ')' }),
    ]);
  }

  function draw() {
    if (alerts === null) return;
    const shown = panelAlerts(alerts, host);
    const counts = alertCounts(shown);
    countEl.textContent = ' \u00b7 ' + counts.firing + ' firing, ' + counts.pending + ' pending';
    clear(bodyEl);
    root.dataset.state = 'ready';
    root.dataset.firing = String(counts.firing);
    if (!shown.length) {
      bodyEl.append(el('p', { cls: 'ok-text', text: host ? 'No alerts on this node.' : 'No alerts firing or pending.' }));
      return;
    }
    bodyEl.append(el('ul', { cls: 'alert-list' }, shown.map(alertRow)));
  }

  function showUnavailable(e) {
    alerts = null;
    clear(bodyEl);
    countEl.textContent = '';
    root.dataset.state = 'unavailable';
    bodyEl.append(el('p', { cls: 'muted', text: unavailableText(e) }));
  }

  return {
    element: root,
    /** Loads the current alerts; never throws (a failure is shown in the panel). */
    async load() {
      try {
        const answer = await ctx.api.alerts(host ? { host } : {});
        alerts = answer.alerts || [];
        root.dataset.source = 'http';
        draw();
      } catch (e) {
        showUnavailable(e);
      }
      if (!timer) timer = setInterval(draw, REDRAW_MS);
    },
    /** A live message: {"type": "alerts", "alerts": [...]} replaces the list. */
    onLive(msg) {
      if (msg.type !== 'alerts' || !Array.isArray(msg.alerts)) return false;
      alerts = msg.alerts;
      // Read by the browser tests: the list came from a live message, not the initial load.
      root.dataset.source = 'live';
      draw();
      return true;
    },
    dispose() {
      clearInterval(timer);
    },
  };
}
