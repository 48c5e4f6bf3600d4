// Job page (#/job/{id}): who and what, a summary, then every panel over a chosen range.

import { jobMarks } from '../chartmarks.js';
import { el, clear, facts } from '../dom.js';
import { bytes, clock, dateTime, duration, minutes, percent } from '../format.js';
import { JOB_PANELS } from '../panels.js';
import { PanelSet } from '../panelset.js';
import { DEFAULT_RANGE, RANGES, isRangeKey, rangeWindow } from '../ranges.js';
import { jobHash, nodeHash } from '../router.js';
import { renderHints } from './jobhints.js';

const REFRESH_JOB_MS = 15000;

/** Scheduler attributes shown on rows of their own (Slurm, Kubernetes); others are listed together. */
const SCHEDULER_ATTRIBUTES = [['account', 'Account'], ['partition', 'Partition'], ['reservation', 'Reservation'], ['namespace', 'Namespace']];

function zoomFromQuery(query) {
  const from = Number(query.from);
  const to = Number(query.to);
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
}

function runtimeMs(job, nowMs) {
  if (!Number.isFinite(job.start_ms)) return null;
  return (Number.isFinite(job.end_ms) ? job.end_ms : nowMs) - job.start_ms;
}

export function createJobView(ctx, jobId, query = {}) {
  let job = null;
  let panels = null;
  let rangeKey = isRangeKey(query.range) ? query.range : DEFAULT_RANGE;
  // A zoomed window (#/job/ID?from=MS&to=MS): loaded at full resolution, not following.
  let zoom = zoomFromQuery(query);
  if (zoom) rangeKey = 'zoom';
  let factsEl = null;
  let summaryEl = null;
  let pickerEl = null;
  let hintsEl = null;
  let wholeNodeEl = null;
  // Set once the user flips the toggle; until then the page picks (see chooseWholeNode).
  let wholeNodeChosen = false;
  let refreshTimer = null;
  let clockTimer = null;

  function renderFacts() {
    const nodeLinks = el('span', { cls: 'links' }, (job.nodes || []).map((h) => el('a', { href: nodeHash(h), text: h })));
    const all = job.attributes || {};
    const known = new Set(SCHEDULER_ATTRIBUTES.map(([k]) => k));
    const scheduler = SCHEDULER_ATTRIBUTES.filter(([k]) => all[k] !== undefined && all[k] !== null && all[k] !== '')
      .map(([k, label]) => [label, String(all[k])]);
    const attrs = Object.entries(all).filter(([k]) => !known.has(k)).map(([k, v]) => k + '=' + v).join(', ');
    clear(factsEl);
    factsEl.append(facts([
      ['User', job.user ?? '\u2013'],
      ['Name', job.name ?? '\u2013'],
      ['State', job.state ?? '\u2013'],
      ['Nodes', nodeLinks],
      ['GPUs', String((job.gpus || []).length)],
      ['Started', dateTime(job.start_ms)],
      ['Ended', Number.isFinite(job.end_ms) ? dateTime(job.end_ms) : 'running'],
      ['Runtime', el('span', { cls: 'runtime', text: duration(runtimeMs(job, Date.now())) })],
      ['Mapping source', el('span', { cls: 'mapping-source', text: job.source ?? '\u2013' })],
      ...scheduler,
      ['Other attributes', attrs || '\u2013'],
    ]));
  }

  function renderSummary() {
    const s = job.summary || {};
    clear(summaryEl);
    for (const [label, value] of [
      ['Mean GPU utilisation', percent(s.mean_gpu_utilization)],
      ['Idle GPU-minutes', minutes(s.idle_gpu_minutes)],
      ['Peak GPU memory', bytes(s.peak_memory_bytes)],
    ]) {
      summaryEl.append(el('div', { cls: 'count' }, [
        el('div', { cls: 'count-value', text: value }),
        el('div', { cls: 'count-label', text: label }),
      ]));
    }
  }

  function renderPicker() {
    clear(pickerEl);
    for (const r of RANGES) {
      pickerEl.append(el('button', {
        type: 'button',
        text: r.label,
        cls: r.key === rangeKey ? 'selected' : '',
        data: { range: r.key },
        onClick: () => selectRange(r.key),
      }));
    }
    if (zoom) {
      pickerEl.append(el('span', { cls: 'zoom-chip', data: { range: 'zoom' }, text: 'Zoomed: ' + dateTime(zoom.from) + ' \u2013 ' + clock(zoom.to) }));
    }
  }

  function currentWindow() {
    return zoom ? { from: zoom.from, to: zoom.to, follow: false, windowMs: null } : rangeWindow(rangeKey, Date.now(), job);
  }

  async function zoomTo(from, to) {
    zoom = { from, to };
    rangeKey = 'zoom';
    window.history.replaceState(null, '', jobHash(jobId) + '?from=' + from + '&to=' + to);
    renderPicker();
    await panels.load(currentWindow());
  }

  async function selectRange(key) {
    rangeKey = key;
    zoom = null;
    // The URL keeps the range so the view can be shared; replaceState does not re-mount the page.
    window.history.replaceState(null, '', jobHash(jobId, key === DEFAULT_RANGE ? null : key));
    renderPicker();
    await panels.load(currentWindow());
  }

  /** Hints panel and the events and hints drawn on every chart. */
  function renderEvents() {
    renderHints(hintsEl, job);
    if (panels) panels.setMarks(jobMarks(job));
  }

  /**
   * The node panels (CPU, memory, disk of whole nodes) mix every job on a shared node, so they stay
   * behind the toggle while the job's own cgroup panels have data; a job without them (no cgroup the
   * agent can read) gets the node panels straight away. PanelSet asks as soon as the job's own
   * panels have answered.
   */
  function chooseWholeNode(on) {
    if (wholeNodeChosen) return false;
    wholeNodeEl.querySelector('input').checked = on;
    return true;
  }

  function renderWholeNodeToggle() {
    const input = el('input', {
      type: 'checkbox',
      data: { testid: 'whole-node-toggle' },
      onClick: () => {
        wholeNodeChosen = true;
        panels.setWholeNode(input.checked).catch(ctx.report);
      },
    });
    wholeNodeEl = el('label', {
      cls: 'whole-node-toggle',
      title: 'CPU, memory and disk of the whole node: every job running there, not only this one',
    }, [input, ' Whole node']);
    return wholeNodeEl;
  }

  async function refreshJob() {
    try {
      job = await ctx.api.job(jobId);
      renderFacts();
      renderSummary();
      renderEvents();
      ctx.clearReport();
    } catch (e) {
      ctx.report(e);
    }
  }

  return {
    liveView: 'job:' + jobId,
    title: 'Job ' + jobId,
    async mount(root) {
      const jobAnswer = ctx.api.job(jobId);
      jobAnswer.catch(() => {}); // reported through the await below
      const nameEl = el('span', { cls: 'job-name' });
      const title = el('h1', {}, [el('span', { text: 'Job ' + jobId }), nameEl]);
      factsEl = el('div', { cls: 'job-facts' });
      summaryEl = el('div', { cls: 'counts summary' });
      pickerEl = el('div', { cls: 'range-picker', data: { testid: 'range-picker' } });
      hintsEl = el('section', { cls: 'hints', data: { testid: 'hints' } });
      const panelsEl = el('div', { cls: 'panels' });
      const controlsEl = el('div', { cls: 'job-controls' }, [pickerEl, renderWholeNodeToggle()]);
      root.append(title, el('div', { cls: 'job-head' }, [factsEl, summaryEl]), hintsEl, controlsEl, panelsEl);
      renderPicker();
      panels = new PanelSet(panelsEl, JOB_PANELS, ctx.api, { job: jobId });
      panels.setWholeNode(false);
      panels.chooseWholeNode = chooseWholeNode;
      panels.onZoomForDetail((from, to) => zoomTo(from, to).catch(ctx.report));
      // Only the whole-job range needs the job's start: other windows load while the job is fetched.
      const loaded = rangeKey === 'job' && !zoom
        ? jobAnswer.then((j) => panels.load(rangeWindow('job', Date.now(), j)))
        : panels.load(currentWindow());
      job = await jobAnswer;
      nameEl.textContent = job.name ? ' \u00b7 ' + job.name : '';
      renderFacts();
      renderSummary();
      renderEvents();
      refreshTimer = setInterval(refreshJob, REFRESH_JOB_MS);
      clockTimer = setInterval(() => {
        const rt = factsEl.querySelector('.runtime');
        if (rt) rt.textContent = duration(runtimeMs(job, Date.now()));
      }, 1000);
      // For the page-load benchmark's breakdown: the job's facts and summary are shown.
      performance.mark('cw-job');
      await loaded;
    },
    onLive(msg) {
      // An alert of the job changed state: its hints and events are re-read at once.
      if (msg.type === 'alerts' && job) {
        refreshJob();
        return;
      }
      if (msg.type === 'delta' && msg.data && Array.isArray(msg.data.points) && panels) {
        panels.applyPoints(msg.data.points, msg.time_ms ?? Date.now());
      }
    },
    async onReconnected() {
      if (panels) await panels.fillGap(Date.now());
    },
    resize() {
      if (panels) panels.resize();
    },
    dispose() {
      clearInterval(refreshTimer);
      clearInterval(clockTimer);
      if (panels) panels.dispose();
    },
  };
}
