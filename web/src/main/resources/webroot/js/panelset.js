// The charts of a job or node page as one unit: loads every panel's history for a window, appends
// live points, trims to the window, and back-fills the gap after the live connection came back.

import { linesFromPoints, linesFromSeries, naturalCompare } from './aggregate.js';
import { LineChart } from './charts/linechart.js';
import { el } from './dom.js';
import { batchesOf, batchQueries, plotWidth } from './panelbatch.js';
import { appendPoint, createLine, gapToFill, lastTimestamp, mergePoints, trimBefore } from './timeseries.js';

/** After a reconnect the missed span is queried at once and again after these delays (ms). */
const REFILL_AFTER_MS = [5000, 15000];

/**
 * Live points are drawn at most this often, however many deltas arrive; a chart whose points each
 * stand for a longer step (a long range at one point per pixel) at most once a step, when its
 * newest column can have changed: redrawing a 64-line, 24 h chart every second redrew hundreds of
 * points per line for a change in one column, and kept the page's one thread busy.
 */
const LIVE_DRAW_INTERVAL_MS = 1000;

export class PanelSet {
  /**
   * @param container element the panels are appended to
   * @param panels panel specs (panels.js)
   * @param api the hub API (api.js)
   * @param scope {job: id} or {host: name}: what /api/v1/series is asked for
   */
  constructor(container, panels, api, scope) {
    this.api = api;
    this.scope = scope;
    this.window = null;
    this.generation = 0;
    this.drawTimer = null;
    this.drawDueMs = 0;
    this.refillTimer = null;
    this.lastDrawMs = 0;
    this.latestMs = 0;
    // Panels with scope 'node' show only while this is on (the job page's "whole node" toggle).
    this.wholeNode = true;
    // Set by the job page until the user flips the toggle: called with the choice the job's own
    // panels suggest, returns whether to apply it (see load).
    this.chooseWholeNode = null;
    this.states = panels.map((panel) => {
      const chartEl = el('div', { cls: 'chart', data: { panel: panel.key } });
      const heading = el('h3', { text: panel.title });
      // Shown while the panel named by coarseUnless has no data (see updatePresence).
      const coarseEl = panel.coarseUnless
        ? el('span', {
          cls: 'coarse-mark',
          text: 'coarse metric',
          title: 'Share of time any kernel ran: reads 100 % even for a kernel that only waits. '
            + 'These GPUs report no SM activity (NVML GPM needs Hopper or later).',
          data: { testid: 'coarse-mark' },
        })
        : null;
      if (coarseEl) heading.append(' ', coarseEl);
      const section = el('section', { cls: 'panel', data: { panelSection: panel.key } }, [heading, chartEl]);
      // An optional panel stays hidden until it has data: no empty chart for a metric the GPUs lack.
      if (panel.optional) section.hidden = true;
      container.append(section);
      // loadedGeneration: the window (this.generation) whose history the panel holds; a panel
      // behind the "whole node" toggle is loaded only once it is shown.
      return { panel, section, coarseEl, chartEl, chart: new LineChart(chartEl, panel), lines: new Map(), stepMs: 1000, loadedGeneration: 0 };
    });
  }

  /** Shows optional panels that have data and the coarse marks of panels whose better metric has none. */
  updatePresence() {
    const hasData = new Map(this.states.map((s) => [s.panel.key, s.lines.size > 0]));
    for (const s of this.states) {
      const wasHidden = s.section.hidden;
      s.section.hidden = (s.panel.optional && !hasData.get(s.panel.key))
        || (s.panel.scope === 'node' && !this.wholeNode);
      if (wasHidden && !s.section.hidden) s.chart.resize();
      if (s.coarseEl) s.coarseEl.hidden = hasData.get(s.panel.coarseUnless) === true;
    }
  }

  /** Whether a panel is drawn at all: node panels only with the "whole node" toggle on. */
  shown(state) {
    return state.panel.scope !== 'node' || this.wholeNode;
  }

  /**
   * Shows or hides the panels with scope 'node'; shown for the first time in this window, they
   * load its history. Resolves when they are drawn.
   */
  async setWholeNode(on) {
    this.wholeNode = on;
    this.updatePresence();
    if (!on || !this.window) return;
    const generation = this.generation;
    const pending = this.states.filter((s) => s.panel.scope === 'node' && s.loadedGeneration !== generation);
    if (!pending.length) return;
    const answers = this.fetchBatch(pending, this.window, generation, false);
    await Promise.all(pending.map((s) => answers.get(s).then((a) => this.drawPanel(s, this.window, a, generation))));
  }

  async query(state, from, to, maxPoints) {
    const answers = await Promise.all(state.panel.metrics.map((metric) => this.api.series({
      ...this.scope, metric, labels: state.panel.labels, from, to, maxPoints,
    })));
    const stepMs = Math.max(...answers.map((a) => a.step_ms || 1000));
    return { lines: linesFromSeries(state.panel, answers), stepMs };
  }

  /**
   * Loads the window {from, to, follow, windowMs} into every shown panel; resolves when all are
   * drawn. The panels are asked for in a few batch requests (batchesOf), which the browser sends
   * at once instead of queueing one request per panel behind its six connections. While
   * `chooseWholeNode` is set and the node panels are hidden, they are in the batch of the job's
   * own panels, answered by the hub only when those matched nothing: the job's own panels' answers
   * decide whether the node panels are shown, without a second round of requests.
   */
  async load(win) {
    this.window = win;
    const generation = ++this.generation;
    const fallback = this.chooseWholeNode !== null && !this.wholeNode;
    const asked = this.states.filter((s) => this.shown(s) || (fallback && s.panel.scope === 'node'));
    const answers = new Map();
    for (const batch of batchesOf(asked)) {
      for (const [s, a] of this.fetchBatch(batch, win, generation, fallback)) answers.set(s, a);
    }
    this.prepareWhenIdle(asked.filter((s) => !s.panel.optional && this.shown(s)), generation);
    const own = asked.filter((s) => s.panel.scope === 'job');
    const decided = this.chooseWholeNode && own.length
      ? Promise.all(own.map((s) => answers.get(s))).then((list) => {
        const on = !list.some((a) => a.lines.size > 0);
        if (generation === this.generation && this.chooseWholeNode && this.chooseWholeNode(on)) {
          this.wholeNode = on;
          this.updatePresence();
        }
      })
      : Promise.resolve();
    const drawn = asked.map(async (s) => {
      const answer = await answers.get(s);
      if (s.panel.scope === 'node') await decided;
      if (answer === null) return; // skipped by the hub: loaded when the toggle shows it
      if (!this.shown(s)) {
        if (s.loadedGeneration === generation) s.loadedGeneration = 0;
        return;
      }
      await this.drawPanel(s, win, answer, generation);
    });
    drawn.push(decided.then(() => (generation === this.generation && this.wholeNode ? this.setWholeNode(true) : undefined)));
    await Promise.all(drawn);
    if (generation === this.generation) this.updatePresence();
  }

  /**
   * Starts the charts of visible panels one per idle period of the page, while their answers are
   * on their way; a chart whose data comes first is started by its draw instead.
   */
  prepareWhenIdle(states, generation) {
    if (typeof requestIdleCallback !== 'function') return;
    const queue = states.slice();
    const next = () => {
      if (generation !== this.generation) return;
      const state = queue.shift();
      if (!state) return;
      if (!state.section.hidden) state.chart.prepare();
      requestIdleCallback(next);
    };
    requestIdleCallback(next);
  }

  /**
   * Asks for the window of `states` in one batch request. With `fallback`, the node panels are
   * answered only when the job's own panels of the batch matched nothing. Returns a Map from state
   * to a promise of {lines, stepMs}, or of null for a panel the hub skipped.
   */
  fetchBatch(states, win, generation, fallback) {
    for (const s of states) s.loadedGeneration = generation;
    const { queries, owner } = batchQueries(states, this.scope, win, fallback);
    const all = this.api.seriesBatch(queries);
    const out = new Map();
    for (const s of states) {
      out.set(s, all.then((list) => {
        const mine = list.filter((a, i) => owner[i] === s);
        const failed = mine.find((a) => a instanceof Error);
        if (failed) throw failed;
        if (mine.some((a) => a === null)) {
          // Not loaded: set here, before the choice of the whole-node panels is applied (load).
          if (s.loadedGeneration === generation) s.loadedGeneration = 0;
          return null;
        }
        return { lines: linesFromSeries(s.panel, mine), stepMs: Math.max(...mine.map((a) => a.step_ms || 1000)) };
      }));
    }
    return out;
  }

  async drawPanel(state, win, { lines, stepMs }, generation) {
    if (generation !== this.generation) return; // a newer range was picked meanwhile
    // Marks for the page-load benchmark's breakdown (performance.getEntriesByType('mark')).
    performance.mark('cw-data:' + state.panel.key);
    state.stepMs = stepMs;
    state.chartEl.dataset.stepMs = String(stepMs);
    state.lines = new Map([...lines].map(([name, l]) => [name, createLine(l.timestamps, l.values)]));
    if (state.panel.optional && !state.lines.size && !state.chart.chart) {
      // Hidden without data (updatePresence): its chart is started once live points bring some.
      performance.mark('cw-drawn:' + state.panel.key);
      this.updatePresence();
      return;
    }
    const drawn = state.chart.whenDrawn();
    state.chart.render(state.lines, { fromMs: win.from, toMs: win.to, resetZoom: true });
    state.drawnAtMs = Date.now();
    performance.mark('cw-rendered:' + state.panel.key);
    await drawn;
    performance.mark('cw-drawn:' + state.panel.key);
    if (state.panel.optional) this.updatePresence();
  }

  /**
   * Appends /live delta points ([{host, metric, labels, t, v}]) when the window follows now. A
   * job on several nodes gets one delta per node frame, so drawing is coalesced to once a second,
   * and to once a step for a chart whose points stand for longer steps (drawLive).
   */
  applyPoints(points, nowMs) {
    if (!this.window || !this.window.follow) return;
    for (const state of this.states) {
      if (state.loadedGeneration !== this.generation) continue; // not loaded: nothing to extend
      const fresh = linesFromPoints(state.panel, points);
      if (!fresh.size) continue;
      const gapAfterMs = Math.max(3 * state.stepMs, 5000);
      for (const [name, pts] of fresh) {
        let line = state.lines.get(name);
        if (!line) {
          line = createLine();
          state.lines.set(name, line);
        }
        for (let i = 0; i < pts.timestamps.length; i++) appendPoint(line, pts.timestamps[i], pts.values[i], state.stepMs, gapAfterMs);
      }
      state.dirty = true;
    }
    this.latestMs = Math.max(this.latestMs, nowMs);
    this.scheduleDraw(this.lastDrawMs + LIVE_DRAW_INTERVAL_MS);
  }

  /** Runs drawLive at `atMs` (or at once if past), unless it is already due earlier. */
  scheduleDraw(atMs) {
    if (this.drawTimer && this.drawDueMs <= atMs) return;
    clearTimeout(this.drawTimer);
    this.drawDueMs = atMs;
    this.drawTimer = setTimeout(() => this.drawLive(), Math.max(0, atMs - Date.now()));
  }

  drawLive() {
    this.drawTimer = null;
    const now = Date.now();
    this.lastDrawMs = now;
    if (!this.window || !this.window.follow) return;
    const nowMs = this.latestMs;
    let nextDueMs = Infinity;
    for (const state of this.states) {
      if (!state.dirty) continue;
      const dueMs = (state.drawnAtMs || 0) + Math.max(LIVE_DRAW_INTERVAL_MS, state.stepMs || 0);
      if (now < dueMs) {
        nextDueMs = Math.min(nextDueMs, dueMs);
        continue;
      }
      state.dirty = false;
      state.drawnAtMs = now;
      if (this.window.windowMs) {
        for (const line of state.lines.values()) trimBefore(line, nowMs - this.window.windowMs);
      }
      state.chart.render(sortedLines(state.lines), this.axisAt(nowMs));
    }
    // Points that arrived before a chart's step was up are drawn when it is, even if no more come.
    if (nextDueMs !== Infinity) this.scheduleDraw(nextDueMs);
    this.updatePresence();
  }

  /**
   * After a reconnect: re-queries what the page missed while the connection was down, and asks
   * again a little later, because agents resend their buffered frames to the hub only after their
   * own reconnect.
   */
  async fillGap(nowMs) {
    if (!this.window || !this.window.follow) return;
    const windowFrom = this.window.windowMs ? nowMs - this.window.windowMs : this.window.from;
    const gaps = new Map();
    for (const state of this.states) {
      if (state.loadedGeneration !== this.generation) continue;
      let newest = null;
      for (const line of state.lines.values()) {
        const t = lastTimestamp(line);
        if (t !== null && (newest === null || t > newest)) newest = t;
      }
      const gap = gapToFill(newest, nowMs, state.stepMs, windowFrom);
      if (gap) gaps.set(state, gap);
    }
    if (!gaps.size) return;
    clearTimeout(this.refillTimer);
    const generation = this.generation;
    const again = (delays) => {
      if (!delays.length) return;
      this.refillTimer = setTimeout(() => {
        if (generation === this.generation) this.queryGaps(gaps, generation).finally(() => again(delays.slice(1)));
      }, delays[0]);
    };
    again(REFILL_AFTER_MS);
    await this.queryGaps(gaps, generation);
  }

  /** Queries each gap; a panel whose query fails (the host is not back yet) waits for the retry. */
  async queryGaps(gaps, generation) {
    await Promise.allSettled([...gaps].map(async ([state, gap]) => {
      // Ask for the panel's own step so the filled points match the resolution already drawn.
      const maxPoints = Math.max(2, Math.ceil((gap.to - gap.from) / state.stepMs) + 1);
      const { lines } = await this.query(state, gap.from, gap.to, maxPoints);
      if (generation !== this.generation) return;
      for (const [name, l] of lines) {
        const line = state.lines.get(name);
        if (line) mergePoints(line, l.timestamps, l.values, gap.from, gap.to);
        else state.lines.set(name, createLine(l.timestamps, l.values));
      }
      state.chart.render(sortedLines(state.lines), this.axisAt(this.latestMs || gap.to));
    }));
  }

  /** The time axis while following: the window ending now. */
  axisAt(nowMs) {
    const w = this.window;
    return { fromMs: w.windowMs ? nowMs - w.windowMs : w.from, toMs: Math.max(nowMs, w.to) };
  }

  /**
   * Calls back (debounced) with a zoomed window [from, to] when a zoom into any chart asks for
   * more detail than the loaded step gives: the page then loads that window at full resolution.
   */
  onZoomForDetail(callback) {
    let timer = null;
    for (const state of this.states) {
      state.chart.onZoom((from, to, startPct, endPct) => {
        clearTimeout(timer);
        if (startPct <= 0 && endPct >= 100) return;
        const width = plotWidth(state);
        // Worth a reload only when the zoomed span shows fewer points than half its pixels and the
        // hub holds finer data (the loaded step is above the raw step).
        if (state.stepMs <= 1000 || (to - from) / state.stepMs >= width / 2) return;
        timer = setTimeout(() => callback(Math.floor(from), Math.ceil(to)), 400);
      });
    }
  }

  /** Draws the same event marks (chartmarks.js) on every panel. */
  setMarks(marks) {
    for (const s of this.states) s.chart.setMarks(marks);
  }

  resize() {
    for (const s of this.states) s.chart.resize();
  }

  dispose() {
    this.generation++;
    clearTimeout(this.drawTimer);
    clearTimeout(this.refillTimer);
    for (const s of this.states) s.chart.dispose();
  }
}

function sortedLines(lines) {
  return new Map([...lines.entries()].sort((a, b) => naturalCompare(a[0], b[0])));
}
