// Idle GPUs page (#/idle?by=account), for instructors: every allocated GPU idle right now, grouped
// by account, partition, reservation, namespace or user, with the GPU-minutes wasted so far, worst
// group and worst GPU first. From GET /api/v1/idle; a hub without it gets the same board built from
// the live cluster view and the running jobs, and the page says which one it shows.

import { el, clear, table } from '../dom.js';
import { bytes, clock, duration, fixed, minutes } from '../format.js';
import { GROUP_KEYS, boardTotals, groupLabel, groupsFromCluster, idleHash, sortGroups } from '../idleboard.js';
import { jobHash, nodeHash } from '../router.js';

const REFRESH_IDLE_MS = 5000;
const REFRESH_JOBS_MS = 30000;

const GROUP_TITLES = { account: 'Account', partition: 'Partition', reservation: 'Reservation', namespace: 'Namespace', user: 'User' };

function groupSection(group, by, nowMs) {
  const label = groupLabel(group.key);
  const rows = group.gpus.map((g) => [
    el('a', { href: nodeHash(g.host), text: g.host }),
    { text: String(g.gpu_index ?? '\u2013'), cls: 'num' },
    g.job_id ? el('a', { href: jobHash(g.job_id), text: g.job_id }) : '\u2013',
    g.user ?? '\u2013',
    g.job_name ?? '\u2013',
    Number.isFinite(g.idle_since_ms) ? clock(g.idle_since_ms) + ' (' + duration(nowMs - g.idle_since_ms) + ')' : '\u2013',
    { text: minutes(g.wasted_gpu_minutes), cls: 'num' },
    { text: bytes(g.memory_used_bytes), cls: 'num' },
    g.reason ?? '\u2013',
  ]);
  return el('section', { cls: 'idle-group', data: { group: label, wasted: String(group.wasted_gpu_minutes) } }, [
    el('h2', { cls: 'idle-group-head' }, [
      el('span', { cls: 'idle-group-by', text: GROUP_TITLES[by] + ' ' }),
      el('span', { cls: 'idle-group-key', text: label }),
      el('span', { cls: 'idle-group-stats', text: ' \u00b7 ' + group.idle_gpus + ' idle GPU' + (group.idle_gpus === 1 ? '' : 's')
        + ' \u00b7 ' + fixed(group.wasted_gpu_minutes, group.wasted_gpu_minutes < 10 ? 1 : 0) + ' GPU-minutes wasted' }),
    ]),
    el('div', { cls: 'table-wrap' }, [table(
      ['Node', 'GPU', 'Job', 'User', 'Job name', 'Idle since', 'Wasted', 'Memory held', 'Reason'], rows, 'grid idle-table')]),
  ]);
}

export function createIdleView(ctx, by) {
  let mode = 'api';
  let jobs = [];
  let latestCluster = null;
  const els = {};
  let timers = [];

  function render(groups, nowMs) {
    const sorted = sortGroups(groups);
    const totals = boardTotals(sorted);
    els.total.textContent = totals.idleGpus + ' allocated GPU' + (totals.idleGpus === 1 ? '' : 's') + ' idle now; '
      + fixed(totals.wastedGpuMinutes, totals.wastedGpuMinutes < 10 ? 1 : 0) + ' GPU-minutes wasted so far'
      + (mode === 'cluster' ? ' in their current idle stretch' : '');
    clear(els.groups);
    if (!sorted.length) {
      els.groups.append(el('p', { cls: 'ok-text', text: 'No allocated GPU is idle.' }));
      return;
    }
    els.groups.append(...sorted.map((g) => groupSection(g, by, nowMs)));
  }

  function renderFromCluster() {
    if (!latestCluster) return;
    const now = latestCluster.time_ms ?? Date.now();
    render(groupsFromCluster(latestCluster, jobs, by, now), now);
  }

  async function loadFromApi() {
    const answer = await ctx.api.idle(by);
    render(answer.groups || [], answer.time_ms ?? Date.now());
  }

  async function switchToCluster(e) {
    mode = 'cluster';
    els.source.textContent = 'The hub does not serve the idle board (' + (e.message || e) + '); grouped here from the live '
      + 'cluster view and the running jobs. Wasted GPU-minutes count the current idle stretch only.';
    els.source.classList.remove('hidden');
    const [cluster, jobList] = await Promise.all([ctx.api.cluster(), ctx.api.jobs('running')]);
    jobs = jobList.jobs || [];
    latestCluster = cluster;
    renderFromCluster();
    timers.push(setInterval(() => ctx.api.jobs('running').then((j) => {
      jobs = j.jobs || [];
      renderFromCluster();
    }).catch(ctx.report), REFRESH_JOBS_MS));
  }

  return {
    liveView: 'cluster',
    title: 'Idle GPUs',
    async mount(root) {
      els.total = el('p', { cls: 'lead', data: { testid: 'idle-total' } });
      els.source = el('p', { cls: 'notice hidden', data: { testid: 'idle-source' } });
      els.groups = el('div', { cls: 'idle-groups', data: { testid: 'idle-gpus' } });
      const picker = el('nav', { cls: 'range-picker group-picker', data: { testid: 'idle-group-by' } }, [
        el('span', { cls: 'picker-label', text: 'Group by' }),
        ...GROUP_KEYS.map((k) => el('a', { href: idleHash(k), text: GROUP_TITLES[k], cls: 'pick' + (k === by ? ' selected' : ''), data: { by: k } })),
      ]);
      root.append(el('h1', { text: 'Idle GPUs' }), picker, els.total, els.source, els.groups);
      try {
        await loadFromApi();
        timers.push(setInterval(() => loadFromApi().then(ctx.clearReport, ctx.report), REFRESH_IDLE_MS));
      } catch (e) {
        if (e.status !== 404) throw e;
        await switchToCluster(e);
      }
    },
    onLive(msg) {
      if (mode !== 'cluster') return;
      if ((msg.type === 'snapshot' || msg.type === 'delta') && msg.data && msg.data.nodes) {
        latestCluster = msg.data;
        renderFromCluster();
      }
    },
    onReconnected() {},
    dispose() {
      timers.forEach(clearInterval);
    },
  };
}
