// The node page's health summary: agent status, XID and ECC errors, clock event (throttle)
// reasons, InfiniBand ports and disk utilisation, problems first and in red.

import { el, clear } from '../dom.js';
import { duration, percent } from '../format.js';
import { decodeClockEventReasons, ibPhysStateName, ibPortHealthy, ibStateName, xidText } from '../hwcodes.js';
import { increaseFromRates } from '../timeseries.js';
import { diskStats } from './nodetables.js';

/** Error counters whose increase over the window the health summary reports. */
export const ERROR_COUNTERS = Object.freeze([
  'gpu_xid_errors_total',
  'gpu_ecc_uncorrected_errors_total',
  'gpu_ecc_corrected_errors_total',
  'infiniband_link_downed_total',
  'infiniband_symbol_error_total',
  'infiniband_port_errors_received_total',
]);

export const HEALTH_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Loads every error counter's increase over the window: Map metric -> [{labels, increase}].
 * Points beyond the hub's retention simply are not there, so the window is "as far as held".
 */
export async function loadErrorIncreases(api, host, nowMs) {
  const out = new Map();
  await Promise.all(ERROR_COUNTERS.map(async (metric) => {
    const ans = await api.series({ host, metric, from: nowMs - HEALTH_WINDOW_MS, to: nowMs, maxPoints: 1440 });
    out.set(metric, (ans.series || []).map((s) => ({ labels: s.labels || {}, increase: increaseFromRates(s.values, ans.step_ms || 1000) })));
  }));
  return out;
}

/** Increases of the IB counters keyed "device/port" -> {metric: increase}. */
export function ibIncreases(increases) {
  const out = new Map();
  for (const metric of ERROR_COUNTERS.filter((m) => m.startsWith('infiniband_'))) {
    for (const s of increases.get(metric) || []) {
      const key = s.labels.device + '/' + s.labels.port;
      if (!out.has(key)) out.set(key, {});
      out.get(key)[metric] = s.increase;
    }
  }
  return out;
}

function card(title, items, bad) {
  return el('div', { cls: 'health-card' + (bad ? ' bad' : ' ok') }, [
    el('h3', { text: title }),
    el('ul', {}, items.map((t) => el('li', { text: t }))),
  ]);
}

/** Fills `container` with the health cards. */
export function renderHealth(container, node, latest, increases, nowMs) {
  clear(container);
  const agent = node.agent || {};
  const lastFrameAge = Number.isFinite(agent.last_frame_ms) ? nowMs - agent.last_frame_ms : null;
  const skew = agent.clock_skew_ms;
  container.append(card('Agent', [
    (agent.connected ? 'connected' : 'NOT connected') + ', node ' + (node.status ?? '?'),
    'last frame ' + (lastFrameAge === null ? '\u2013' : duration(lastFrameAge) + ' ago'),
    'clock skew ' + (Number.isFinite(skew) ? skew + ' ms' : '\u2013') + ', interval ' + (agent.interval_ms ?? '\u2013') + ' ms',
    'version ' + (agent.version ?? '\u2013') + ', resumes ' + (agent.resumes ?? '\u2013'),
  ], !agent.connected || node.status !== 'up' || (Number.isFinite(skew) && Math.abs(skew) > 1000)));

  const xids = (increases.get('gpu_xid_errors_total') || []).filter((s) => s.increase >= 0.5);
  const xidItems = xids.map((s) => 'GPU ' + s.labels.gpu + ': XID ' + s.labels.xid + ' (' + xidText(Number(s.labels.xid)) + ') \u00d7' + Math.round(s.increase));
  for (const s of latest.all('gpu_last_xid')) {
    if (Number.isFinite(s.value) && s.value > 0) xidItems.push('GPU ' + s.labels.gpu + ': last XID ' + s.value + ' (' + xidText(s.value) + ')');
  }
  container.append(card('XID errors (24 h)', xidItems.length ? xidItems : ['none'], xidItems.length > 0));

  const ecc = [];
  for (const [metric, label] of [['gpu_ecc_uncorrected_errors_total', 'uncorrected'], ['gpu_ecc_corrected_errors_total', 'corrected']]) {
    for (const s of increases.get(metric) || []) {
      if (s.increase >= 0.5) ecc.push('GPU ' + s.labels.gpu + ': ' + Math.round(s.increase) + ' ' + label);
    }
  }
  const eccBad = (increases.get('gpu_ecc_uncorrected_errors_total') || []).some((s) => s.increase >= 0.5);
  container.append(card('ECC errors (24 h)', ecc.length ? ecc : ['none'], eccBad));

  const throttle = [];
  let throttleBad = false;
  for (const s of latest.all('gpu_clock_event_reasons')) {
    const reasons = decodeClockEventReasons(s.value).filter((r) => r.name !== 'GpuIdle');
    if (!reasons.length) continue;
    throttleBad = throttleBad || reasons.some((r) => r.problem);
    throttle.push('GPU ' + s.labels.gpu + ': ' + reasons.map((r) => r.name).join(', '));
  }
  container.append(card('Clock event reasons (now)', throttle.length ? throttle : ['none'], throttleBad));

  const ib = [];
  let ibBad = false;
  const inc = ibIncreases(increases);
  for (const s of latest.all('infiniband_state_id')) {
    const key = s.labels.device + '/' + s.labels.port;
    const phys = latest.find('infiniband_physical_state_id', { device: s.labels.device, port: s.labels.port });
    const healthy = ibPortHealthy(s.value, phys);
    const errs = inc.get(key) || {};
    const errTotal = Object.values(errs).reduce((a, b) => a + b, 0);
    ibBad = ibBad || !healthy || errTotal >= 0.5;
    ib.push(key + ': ' + ibStateName(s.value) + ' / ' + ibPhysStateName(phys)
      + (errTotal >= 0.5 ? ', ' + Math.round(errTotal) + ' errors in 24 h' : ''));
  }
  container.append(card('InfiniBand ports', ib.length ? ib : ['no ports'], ibBad));

  const disks = diskStats(latest);
  const busy = disks.filter((d) => d.stats.util !== null);
  container.append(card('Disk utilisation (now)', busy.length ? busy.map((d) => d.device + ': ' + percent(d.stats.util)) : ['no disks'],
    busy.some((d) => d.stats.util >= 0.9)));
}
