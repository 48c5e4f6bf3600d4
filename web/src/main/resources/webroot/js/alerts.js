// Alerts as the dashboard lists them (docs/API.md "Alerts, idle board and job hints"): which are
// shown, in what order, since when, and the colour class of their severity.

const SHOWN_STATES = new Set(['firing', 'pending']);
const SEVERITIES = new Set(['critical', 'warning', 'info']);

/** When the alert entered its current state: fired_at_ms when firing, active_at_ms when pending. */
export function alertSince(alert) {
  if (alert.state === 'firing' && Number.isFinite(alert.fired_at_ms)) return alert.fired_at_ms;
  if (alert.state === 'resolved' && Number.isFinite(alert.resolved_at_ms)) return alert.resolved_at_ms;
  return Number.isFinite(alert.active_at_ms) ? alert.active_at_ms : null;
}

/**
 * The alerts a panel lists: firing and pending ones (optionally of one host), newest first; an
 * alert without a time goes last. Ties keep a stable order by rule, host and GPU. Bottleneck hints
 * (group "hint") are advice for the job's owner, shown on the job page, not alerts.
 */
export function panelAlerts(alerts, host = null) {
  const shown = (alerts || []).filter((a) => a && SHOWN_STATES.has(a.state) && a.group !== 'hint'
    && (host === null || (a.labels && a.labels.host === host)));
  return shown.sort((a, b) => {
    const ta = alertSince(a);
    const tb = alertSince(b);
    if (ta !== tb) return (tb ?? -Infinity) - (ta ?? -Infinity);
    return alertKey(a).localeCompare(alertKey(b));
  });
}

function alertKey(a) {
  const l = a.labels || {};
  return [a.rule, l.host, l.gpu_uuid, l.job_id].map((v) => v ?? '').join('\u0000');
}

/** CSS class of a severity; an unknown one is shown as such, not promoted or hidden. */
export function severityClass(severity) {
  return 'sev-' + (SEVERITIES.has(severity) ? severity : 'unknown');
}

/** Counts by state of the listed alerts: {firing, pending}. */
export function alertCounts(alerts) {
  let firing = 0;
  let pending = 0;
  for (const a of alerts || []) {
    if (a.state === 'firing') firing++;
    else if (a.state === 'pending') pending++;
  }
  return { firing, pending };
}

/**
 * The GPU an alert names, as "GPU 3" when the index is known, else the UUID; null when it is about
 * the node (or a port or disk) as a whole.
 */
export function alertGpu(alert) {
  const l = alert.labels || {};
  if (l.gpu !== undefined && l.gpu !== null && l.gpu !== '') return 'GPU ' + l.gpu;
  if (l.gpu_index !== undefined && l.gpu_index !== null && l.gpu_index !== '') return 'GPU ' + l.gpu_index;
  return l.gpu_uuid ? l.gpu_uuid : null;
}
