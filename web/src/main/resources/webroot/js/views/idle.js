// Idle GPUs page (#/idle), for instructors: every allocated GPU idle right now, for how long,
// in which job of which user, worst first; live from the cluster view.

import { el, clear, table } from '../dom.js';
import { bytes, duration, fixed, minutes } from '../format.js';
import { idleGpuRows, idleJobRows } from '../idlerows.js';
import { jobHash, nodeHash } from '../router.js';

const REFRESH_JOBS_MS = 30000;

export function createIdleView(ctx) {
  let jobs = [];
  let jobsEl = null;
  let gpusEl = null;
  let totalEl = null;
  let timer = null;
  let latest = null;

  function render(cluster) {
    latest = cluster;
    const now = cluster.time_ms ?? Date.now();
    const gpuRows = idleGpuRows(cluster, now);
    const jobRows = idleJobRows(gpuRows, jobs);
    const wasted = gpuRows.reduce((a, r) => a + r.wastedGpuMinutes, 0);
    totalEl.textContent = gpuRows.length + ' allocated GPUs idle now; '
      + fixed(wasted, wasted < 10 ? 1 : 0) + ' GPU-minutes wasted so far in their current idle stretch';
    clear(jobsEl);
    jobsEl.append(table(['Job', 'User', 'Name', 'Idle GPUs now', 'Wasted GPU-minutes (now)', 'Longest idle', 'Idle GPU-minutes (whole job)'],
      jobRows.map((j) => [
        el('a', { href: jobHash(j.id), text: j.id }),
        j.user ?? '\u2013',
        j.name ?? '\u2013',
        { text: j.idleGpus + (j.totalGpus ? ' of ' + j.totalGpus : ''), cls: 'num' },
        { text: minutes(j.wastedGpuMinutes), cls: 'num' },
        { text: duration(j.longestIdleMs), cls: 'num' },
        { text: minutes(j.lifetimeIdleGpuMinutes), cls: 'num' },
      ])));
    clear(gpusEl);
    gpusEl.append(table(['Node', 'GPU', 'Idle for', 'Job', 'User', 'Name', 'Memory held'],
      gpuRows.map((r) => [
        el('a', { href: nodeHash(r.host), text: r.host }),
        String(r.index),
        { text: duration(r.idleMs), cls: 'num' },
        el('a', { href: jobHash(r.job.id), text: r.job.id }),
        r.job.user ?? '\u2013',
        r.job.name ?? '\u2013',
        { text: r.memoryHeld ? 'yes, ' + bytes(r.memoryUsed) : 'no', cls: r.memoryHeld ? 'warn' : '' },
      ])));
  }

  async function refreshJobs() {
    try {
      jobs = (await ctx.api.jobs('running')).jobs || [];
      if (latest) render(latest);
    } catch (e) {
      ctx.report(e);
    }
  }

  return {
    liveView: 'cluster',
    title: 'Idle GPUs',
    async mount(root) {
      totalEl = el('p', { cls: 'lead', data: { testid: 'idle-total' } });
      jobsEl = el('div', { cls: 'table-wrap' });
      gpusEl = el('div', { cls: 'table-wrap', data: { testid: 'idle-gpus' } });
      root.append(el('h1', { text: 'Idle GPUs' }), totalEl, el('h2', { text: 'By job' }), jobsEl,
        el('h2', { text: 'Every idle GPU' }), gpusEl);
      const [cluster, jobList] = await Promise.all([ctx.api.cluster(), ctx.api.jobs('running')]);
      jobs = jobList.jobs || [];
      render(cluster);
      timer = setInterval(refreshJobs, REFRESH_JOBS_MS);
    },
    onLive(msg) {
      if ((msg.type === 'snapshot' || msg.type === 'delta') && msg.data && totalEl) render(msg.data);
    },
    onReconnected() {},
    dispose() {
      clearInterval(timer);
    },
  };
}
