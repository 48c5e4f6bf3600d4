// Turns the hub's raw series (one per host, metric and label set) into the lines a panel draws:
// one line per GPU, per node or per device, combining series with the panel's reducer.

function finite(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Reducers get {metric: [values at one time]} for one line and return a number or null. */
export const REDUCE = Object.freeze({
  /** The single series of the line. */
  one: (byMetric, panel) => {
    const vs = byMetric[panel.metrics[0]] || [];
    return vs.length && finite(vs[0]) ? vs[0] : null;
  },
  /** Sum of every series (throughput of all ports or disks of a node); unknown if any is. */
  sum: (byMetric, panel) => {
    const vs = byMetric[panel.metrics[0]] || [];
    if (!vs.length || vs.some((v) => !finite(v))) return null;
    return vs.reduce((a, b) => a + b, 0);
  },
  /** The highest series (the busiest disk). */
  max: (byMetric, panel) => {
    const vs = (byMetric[panel.metrics[0]] || []).filter(finite);
    return vs.length ? Math.max(...vs) : null;
  },
  /**
   * CPU busy fraction of a node from per-CPU idle rates: 1 - mean(rate(cpu_seconds_total{mode="idle"})),
   * the node_exporter dashboards' convention (iowait counts as busy).
   */
  cpuBusy: (byMetric, panel) => {
    const vs = byMetric[panel.metrics[0]] || [];
    if (!vs.length || vs.some((v) => !finite(v))) return null;
    const idle = vs.reduce((a, b) => a + b, 0) / vs.length;
    return Math.min(1, Math.max(0, 1 - idle));
  },
  /** Memory in use as free(1) counts it: MemTotal - MemAvailable. */
  memoryUsed: (byMetric) => {
    const total = (byMetric.memory_MemTotal_bytes || [])[0];
    const avail = (byMetric.memory_MemAvailable_bytes || [])[0];
    return finite(total) && finite(avail) ? total - avail : null;
  },
});

/** Whether a raw series (metric and labels) belongs to the panel. */
export function accepts(panel, metric, labels) {
  if (!panel.metrics.includes(metric)) return false;
  for (const [k, v] of Object.entries(panel.labels || {})) {
    if (!labels || labels[k] !== v) return false;
  }
  return true;
}

function addMember(groups, name, t, metric, v) {
  let byTime = groups.get(name);
  if (!byTime) {
    byTime = new Map();
    groups.set(name, byTime);
  }
  let byMetric = byTime.get(t);
  if (!byMetric) {
    byMetric = {};
    byTime.set(t, byMetric);
  }
  (byMetric[metric] || (byMetric[metric] = [])).push(v);
}

/**
 * Lines of a panel from /api/v1/series answers.
 * @param responses [{metric, series: [{host, labels, timestamps, values}]}], one per panel metric
 * @returns Map lineName -> {timestamps, values}, names sorted naturally
 */
export function linesFromSeries(panel, responses) {
  if (panel.reduce === 'one') return oneLinePerSeries(panel, responses);
  const members = new Map();
  for (const resp of responses) {
    for (const s of resp.series || []) {
      if (!accepts(panel, resp.metric, s.labels)) continue;
      const name = panel.line(s.host, s.labels || {});
      if (!members.has(name)) members.set(name, []);
      members.get(name).push({ metric: resp.metric, series: s });
    }
  }
  const groups = new Map();
  const aligned = new Map();
  for (const [name, list] of members) {
    const first = list[0].series.timestamps;
    if (ascending(first) && list.every((m) => sameTimestamps(m.series.timestamps, first))) {
      aligned.set(name, list);
      continue;
    }
    for (const { metric, series: s } of list) {
      for (let i = 0; i < s.timestamps.length; i++) addMember(groups, name, s.timestamps[i], metric, s.values[i]);
    }
  }
  const out = reduceGroups(panel, groups);
  for (const [name, list] of aligned) out.set(name, reduceAligned(panel, list));
  return sortedByName(out);
}

function ascending(ts) {
  for (let i = 1; i < ts.length; i++) if (!(ts[i - 1] < ts[i])) return false;
  return true;
}

function sameTimestamps(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A line whose series share their ascending timestamps (the hub answers every series of a query
 * on the same grid): reduced point by point without regrouping by time. The reducer sees the same
 * {metric: [values]} in the same order as through reduceGroups.
 */
function reduceAligned(panel, list) {
  const reducer = REDUCE[panel.reduce];
  if (!reducer) throw new Error('unknown reducer: ' + panel.reduce);
  const timestamps = list[0].series.timestamps;
  const values = new Array(timestamps.length);
  for (let i = 0; i < timestamps.length; i++) {
    const byMetric = {};
    for (const { metric, series } of list) (byMetric[metric] || (byMetric[metric] = [])).push(series.values[i]);
    values[i] = reducer(byMetric, panel);
  }
  return { timestamps: timestamps.slice(), values };
}

function sortedByName(lines) {
  const out = new Map();
  for (const name of [...lines.keys()].sort(naturalCompare)) out.set(name, lines.get(name));
  return out;
}

/**
 * Lines of a panel from /live delta points [{host, metric, labels, t, v}].
 * @returns Map lineName -> {timestamps, values} holding only the new points
 */
export function linesFromPoints(panel, points) {
  const groups = new Map();
  for (const p of points) {
    if (!accepts(panel, p.metric, p.labels)) continue;
    addMember(groups, panel.line(p.host, p.labels || {}), p.t, p.metric, p.v);
  }
  return reduceGroups(panel, groups);
}

/** Fast path when every raw series is its own line: no regrouping by time. */
function oneLinePerSeries(panel, responses) {
  const byName = new Map();
  for (const resp of responses) {
    for (const s of resp.series || []) {
      if (!accepts(panel, resp.metric, s.labels)) continue;
      const values = s.values.map((v) => (finite(v) ? v : null));
      byName.set(panel.line(s.host, s.labels || {}), { timestamps: s.timestamps, values });
    }
  }
  const out = new Map();
  for (const name of [...byName.keys()].sort(naturalCompare)) out.set(name, byName.get(name));
  return out;
}

function reduceGroups(panel, groups) {
  const reducer = REDUCE[panel.reduce];
  if (!reducer) throw new Error('unknown reducer: ' + panel.reduce);
  const out = new Map();
  for (const name of [...groups.keys()].sort(naturalCompare)) {
    const byTime = groups.get(name);
    const timestamps = [...byTime.keys()].sort((a, b) => a - b);
    const values = timestamps.map((t) => reducer(byTime.get(t), panel));
    out.set(name, { timestamps, values });
  }
  return out;
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const NATURAL = new Intl.Collator(undefined, { numeric: true });

/** Orders "node-2:10" after "node-2:9". */
export function naturalCompare(a, b) {
  return NATURAL.compare(String(a), String(b));
}
