// How a panel set's window is asked for in batch requests (GET /api/v1/series/batch): which panels
// share a request, and each panel's queries in it.
import { maxPointsForWidth } from './ranges.js';

/** Panels of no scope per batch request: the job page's eight GPU and network panels in three. */
const PANELS_PER_BATCH = 3;

/** Left and right margins of the chart's plot area (see LineChart grid). */
const PLOT_MARGIN_PX = 104;

/** Width in pixels of a panel's plot area. */
export function plotWidth(state) {
  return Math.max(100, (state.chartEl.clientWidth || 800) - PLOT_MARGIN_PX);
}

/**
 * The batches a window is asked for in: the panels of no scope a few at a time (each batch is
 * drawn as soon as it arrives), and the job's own panels with the node panels in one (the node
 * panels may depend on the job's own answers). With the job's request, at most five connections.
 */
export function batchesOf(states) {
  const plain = states.filter((s) => !s.panel.scope);
  const scoped = states.filter((s) => s.panel.scope);
  // The job's own panels first: a node panel's when_empty names only earlier queries.
  scoped.sort((a, b) => (b.panel.scope === 'job') - (a.panel.scope === 'job'));
  const out = [];
  for (let i = 0; i < plain.length; i += PANELS_PER_BATCH) out.push(plain.slice(i, i + PANELS_PER_BATCH));
  if (scoped.length) out.push(scoped);
  return out;
}

/**
 * The series queries of one batch: one per metric of each panel, as many points as its plot has
 * pixels. With `fallback`, a node panel's queries name the job's own queries before them in
 * when_empty. Returns {queries, owner}, owner[i] being the state query i is for.
 */
export function batchQueries(states, scope, win, fallback) {
  const queries = [];
  const owner = [];
  const own = [];
  for (const s of states) {
    const maxPoints = maxPointsForWidth(plotWidth(s) / (s.panel.pointsDivisor || 1));
    for (const metric of s.panel.metrics) {
      if (s.panel.scope === 'job') own.push(queries.length);
      const whenEmpty = fallback && s.panel.scope === 'node' && own.length ? own.slice() : undefined;
      queries.push({ ...scope, metric, labels: s.panel.labels, from: win.from, to: win.to, maxPoints, whenEmpty });
      owner.push(s);
    }
  }
  return { queries, owner };
}
