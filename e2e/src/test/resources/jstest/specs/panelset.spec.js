import { test, eq, deepEq, ok } from '../harness.js';
import { PanelSet } from '/js/panelset.js';
import { JOB_PANELS } from '/js/panels.js';

const UTIL = JOB_PANELS.filter((p) => p.key === 'gpu_util');

/** A hub answering every series query with one GPU's points at 1 s over the asked range. */
function fakeHub(holeFrom, holeTo, stepMs = 1000) {
  const asked = [];
  return {
    asked,
    series: async (q) => {
      asked.push(q);
      const timestamps = [];
      const values = [];
      for (let t = Math.ceil(q.from / stepMs) * stepMs; t <= q.to; t += stepMs) {
        timestamps.push(t);
        values.push(t >= holeFrom && t <= holeTo ? null : 0.5);
      }
      return { metric: q.metric, step_ms: stepMs, series: [{ host: 'n1', labels: { gpu: '0' }, timestamps, values }] };
    },
    async seriesBatch(queries) {
      return Promise.all(queries.map((q) => this.series(q)));
    },
  };
}

function mount() {
  const div = document.createElement('div');
  div.className = 'panels';
  div.style.width = '800px';
  document.body.append(div);
  return div;
}

test('PanelSet loads a window, appends live points and re-queries exactly the missed span', async () => {
  const hub = fakeHub(-1, -1);
  const container = mount();
  const set = new PanelSet(container, UTIL, hub, { job: '7' });
  try {
    await set.load({ from: 100000, to: 160000, follow: true, windowMs: 60000 });
    deepEq([hub.asked[0].job, hub.asked[0].metric, hub.asked[0].from, hub.asked[0].to], ['7', 'gpu_utilization_ratio', 100000, 160000]);
    const line = set.states[0].lines.get('n1:0');
    eq(line.timestamps.at(-1), 160000);

    set.applyPoints([{ host: 'n1', metric: 'gpu_utilization_ratio', labels: { gpu: '0' }, t: 161000, v: 0.9 }], 161000);
    eq(line.timestamps.at(-1), 161000, 'live point appended');

    // The connection was down from 161 s to 200 s: the page asks for (161 s, 200 s] only.
    await set.fillGap(200000);
    const gapQuery = hub.asked.at(-1);
    deepEq([gapQuery.from, gapQuery.to], [161001, 200000]);
    ok(line.timestamps.includes(180000) && line.timestamps.at(-1) === 200000, 'the missed span is filled');
    eq(line.values.filter((v) => v === null).length, 0, 'no hole left');
    eq(container.querySelector('[data-panel=gpu_util]').dataset.newestMs, '200000');
  } finally {
    set.dispose();
    container.remove();
  }
});

test('PanelSet draws the hub\'s own gaps as gaps and leaves a stopped window alone', async () => {
  const hub = fakeHub(130000, 140000);
  const container = mount();
  const set = new PanelSet(container, UTIL, hub, { host: 'n1' });
  try {
    await set.load({ from: 100000, to: 160000, follow: false, windowMs: null });
    eq(hub.asked[0].host, 'n1');
    const line = set.states[0].lines.get('n1:0');
    eq(line.values.filter((v) => v === null).length, 11, 'eleven missing seconds');
    set.applyPoints([{ host: 'n1', metric: 'gpu_utilization_ratio', labels: { gpu: '0' }, t: 161000, v: 0.9 }], 161000);
    eq(line.timestamps.at(-1), 160000, 'a window that does not follow ignores live points');
    await set.fillGap(300000);
    eq(hub.asked.length, 1, 'and is not back-filled');
  } finally {
    set.dispose();
    container.remove();
  }
});

test('PanelSet redraws a chart of one-minute points once a minute, not once a second', async () => {
  const hub = fakeHub(-1, -1, 60000);
  const container = mount();
  const set = new PanelSet(container, UTIL, hub, { job: '7' });
  try {
    await set.load({ from: 0, to: 3600000, follow: true, windowMs: 3600000 });
    const state = set.states[0];
    eq(state.stepMs, 60000);
    let renders = 0;
    const render = state.chart.render.bind(state.chart);
    state.chart.render = (...args) => {
      renders++;
      return render(...args);
    };
    set.applyPoints([{ host: 'n1', metric: 'gpu_utilization_ratio', labels: { gpu: '0' }, t: 3660000, v: 0.9 }], 3660000);
    set.drawLive();
    eq(renders, 0, 'a second after the load the chart\'s newest column is not drawn again');
    ok(set.drawTimer !== null, 'the point waits for the step to be up');
    eq(state.lines.get('n1:0').timestamps.at(-1), 3660000, 'the live point starts the next one-minute column');
    state.drawnAtMs -= 60000; // a minute later
    set.drawLive();
    eq(renders, 1, 'drawn once the step is up');
    set.drawLive();
    eq(renders, 1, 'nothing new: not drawn again');
  } finally {
    set.dispose();
    container.remove();
  }
});

test('PanelSet still redraws a chart of one-second points every second', async () => {
  const hub = fakeHub(-1, -1);
  const container = mount();
  const set = new PanelSet(container, UTIL, hub, { job: '7' });
  try {
    await set.load({ from: 100000, to: 160000, follow: true, windowMs: 60000 });
    const state = set.states[0];
    let renders = 0;
    const render = state.chart.render.bind(state.chart);
    state.chart.render = (...args) => {
      renders++;
      return render(...args);
    };
    state.drawnAtMs -= 1000;
    set.applyPoints([{ host: 'n1', metric: 'gpu_utilization_ratio', labels: { gpu: '0' }, t: 161000, v: 0.9 }], 161000);
    set.drawLive();
    eq(renders, 1);
  } finally {
    set.dispose();
    container.remove();
  }
});

/**
 * A hub of a job with no series of its own (no cgroup): answers GPU panels, nothing for the job's
 * own panels, and the node panels only as the batch form's when_empty asks (docs/API.md).
 */
function jobHubWithoutCgroup(ownHasData) {
  const batches = [];
  const answer = (q) => {
    if (q.metric.startsWith('job_')) {
      return { metric: q.metric, step_ms: 1000, series: ownHasData ? [{ host: 'n1', labels: {}, timestamps: [q.from], values: [1] }] : [] };
    }
    return { metric: q.metric, step_ms: 1000, series: [{ host: 'n1', labels: { gpu: '0', mode: 'idle', cpu: '0', device: 'sda' }, timestamps: [q.from], values: [0.5] }] };
  };
  return {
    batches,
    series: async (q) => answer(q),
    async seriesBatch(queries) {
      batches.push(queries);
      const out = [];
      for (const q of queries) {
        const skip = q.whenEmpty && q.whenEmpty.some((i) => out[i].series.length > 0);
        out.push(skip ? null : answer(q));
      }
      return out.map((a) => (a === null ? null : a));
    },
  };
}

test('PanelSet asks for a job page in a few batches, the node panels in the job\'s own batch as a fallback', async () => {
  const hub = jobHubWithoutCgroup(false);
  const container = mount();
  const set = new PanelSet(container, JOB_PANELS, hub, { job: '7' });
  set.setWholeNode(false);
  const chosen = [];
  set.chooseWholeNode = (on) => { chosen.push(on); return true; };
  try {
    await set.load({ from: 100000, to: 160000, follow: false, windowMs: null });
    eq(hub.batches.length, 4, 'eight plain panels in three batches, the scoped ones in one');
    const scoped = hub.batches[3];
    const own = scoped.map((q, i) => (q.metric.startsWith('job_') ? i : -1)).filter((i) => i >= 0);
    eq(own.length, 5);
    const node = scoped.filter((q) => !q.metric.startsWith('job_'));
    eq(node.length, 6, 'five node panels, memory with two metrics');
    ok(node.every((q) => deepEqual(q.whenEmpty, own)), 'each node query waits for every job query');
    deepEq(chosen, [true]);
    eq(set.wholeNode, true);
    const cpu = set.states.find((s) => s.panel.key === 'cpu');
    ok(cpu.lines.size === 1 && !cpu.section.hidden, 'the node panel is drawn from the first answer');
    eq(hub.batches.length, 4, 'and not asked for again');
  } finally {
    set.dispose();
    container.remove();
  }
});

test('PanelSet keeps the node panels hidden when the job has its own, and loads them when shown', async () => {
  const hub = jobHubWithoutCgroup(true);
  const container = mount();
  const set = new PanelSet(container, JOB_PANELS, hub, { job: '7' });
  set.setWholeNode(false);
  set.chooseWholeNode = () => true;
  try {
    await set.load({ from: 100000, to: 160000, follow: false, windowMs: null });
    const cpu = set.states.find((s) => s.panel.key === 'cpu');
    ok(cpu.section.hidden && cpu.lines.size === 0, 'skipped by the hub: hidden, nothing drawn');
    eq(hub.batches.length, 4);
    await set.setWholeNode(true);
    eq(hub.batches.length, 5, 'flipping the toggle asks for the node panels in one batch');
    ok(hub.batches[4].every((q) => q.whenEmpty === undefined && !q.metric.startsWith('job_')));
    ok(cpu.lines.size === 1 && !cpu.section.hidden);
  } finally {
    set.dispose();
    container.remove();
  }
});

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
