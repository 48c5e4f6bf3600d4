// The job page's hints panel: bottleneck hints ("data loading?") with the evidence behind them,
// and the health events on the job's GPUs and nodes, both from GET /api/v1/jobs/{id}.

import { severityClass } from '../alerts.js';
import { el, clear } from '../dom.js';
import { clock, dateTime, duration } from '../format.js';
import { nodeHash } from '../router.js';

const EVENTS_SHOWN = 6;

function evidenceText(evidence) {
  if (evidence === undefined || evidence === null) return null;
  if (typeof evidence === 'string') return evidence;
  if (Array.isArray(evidence)) return evidence.map(String).join('; ');
  if (typeof evidence === 'object') return Object.entries(evidence).map(([k, v]) => k + ': ' + v).join('; ');
  return String(evidence);
}

function hintItem(h, nowMs) {
  const active = h.state !== 'resolved' && !Number.isFinite(h.resolved_at_ms);
  const span = Number.isFinite(h.active_at_ms)
    ? (active ? 'since ' + clock(h.active_at_ms) + ' (' + duration(nowMs - h.active_at_ms) + ')'
      : dateTime(h.active_at_ms) + ' \u2013 ' + clock(h.resolved_at_ms))
    : '';
  const evidence = evidenceText(h.evidence);
  return el('li', { cls: 'hint' + (active ? ' active' : ' resolved'), data: { rule: h.rule ?? '' } }, [
    el('span', { cls: 'hint-summary', text: h.summary || h.rule || 'hint' }),
    el('span', { cls: 'hint-state', text: active ? (h.state || 'active') : 'resolved' }),
    el('span', { cls: 'hint-time', text: span }),
    evidence ? el('div', { cls: 'hint-evidence', text: 'Evidence: ' + evidence }) : null,
  ]);
}

function eventItem(e) {
  return el('li', { cls: 'event ' + (e.kind === 'alert_resolved' ? 'sev-resolved' : severityClass(e.severity)) }, [
    el('span', { cls: 'event-time', text: clock(e.time_ms), title: dateTime(e.time_ms) }),
    el('span', { cls: 'event-kind', text: e.kind === 'alert_resolved' ? 'resolved' : (e.severity || 'event') }),
    el('span', { text: e.summary || e.rule || '' }),
    e.host ? el('a', { href: nodeHash(e.host), text: e.host }) : null,
  ]);
}

/** Draws the hints and health events of a job into the container (replacing what was there). */
export function renderHints(container, job, nowMs = Date.now()) {
  clear(container);
  container.append(el('h2', { text: 'Hints and health events' }));
  if (!Array.isArray(job.hints) && !Array.isArray(job.events)) {
    container.dataset.state = 'unavailable';
    container.append(el('p', { cls: 'muted', text: 'Hints unavailable: this hub does not report bottleneck hints or health events for jobs.' }));
    return;
  }
  container.dataset.state = 'ready';
  const hints = (job.hints || []).slice().sort((a, b) => (b.active_at_ms ?? 0) - (a.active_at_ms ?? 0));
  container.append(hints.length
    ? el('ul', { cls: 'hint-list' }, hints.map((h) => hintItem(h, nowMs)))
    : el('p', { cls: 'ok-text', text: 'No bottleneck hints for this job.' }));
  const events = (job.events || []).slice().sort((a, b) => (b.time_ms ?? 0) - (a.time_ms ?? 0));
  if (events.length) {
    // The newest few stay in view; a burst (every GPU of a hot node) folds away above the charts.
    const older = events.slice(EVENTS_SHOWN);
    container.append(el('h3', { text: events.length + ' health event' + (events.length === 1 ? '' : 's') + ' during the job (also marked on the charts)' }),
      el('ul', { cls: 'event-list' }, events.slice(0, EVENTS_SHOWN).map(eventItem)),
      older.length ? el('details', { cls: 'older-events' }, [
        el('summary', { text: older.length + ' older event' + (older.length === 1 ? '' : 's') }),
        el('ul', { cls: 'event-list' }, older.map(eventItem)),
      ]) : null);
  }
}
