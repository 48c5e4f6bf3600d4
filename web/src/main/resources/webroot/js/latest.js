// The newest value of every series of one node, fed by GET /api/v1/nodes/{host}, the /live
// snapshot and each delta. Counters are per-second rates, as the hub serves them.

export function labelsKey(labels) {
  const keys = Object.keys(labels || {}).sort();
  return keys.map((k) => k + '=' + labels[k]).join(',');
}

export class LatestValues {
  constructor() {
    this.byMetric = new Map(); // metric -> Map labelsKey -> {labels, value, t}
  }

  set(metric, labels, value, t) {
    let m = this.byMetric.get(metric);
    if (!m) {
      m = new Map();
      this.byMetric.set(metric, m);
    }
    const key = labelsKey(labels);
    const prev = m.get(key);
    if (prev && Number.isFinite(prev.t) && Number.isFinite(t) && t < prev.t) return;
    m.set(key, { labels: labels || {}, value: typeof value === 'number' ? value : null, t });
  }

  /** Every series of a metric: [{labels, value, t}]. */
  all(metric) {
    const m = this.byMetric.get(metric);
    return m ? [...m.values()] : [];
  }

  /** The value of the series of `metric` whose labels contain `match`, or null. */
  find(metric, match) {
    for (const s of this.all(metric)) {
      if (Object.entries(match).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
    return null;
  }

  /** Series of a metric grouped by the value of one label: Map labelValue -> [{labels, value}]. */
  groupBy(metric, label) {
    const out = new Map();
    for (const s of this.all(metric)) {
      const k = s.labels[label];
      if (k === undefined) continue;
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(s);
    }
    return out;
  }

  /** Distinct values of `labelNames` (joined with '/') over the given metrics, sorted naturally. */
  keys(metrics, labelNames) {
    const set = new Set();
    for (const metric of metrics) {
      for (const s of this.all(metric)) {
        if (labelNames.every((l) => s.labels[l] !== undefined)) set.add(labelNames.map((l) => s.labels[l]).join('/'));
      }
    }
    return [...set].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }
}

/**
 * CPU figures of a node from rate(cpu_seconds_total{cpu,mode}): the mean over CPUs of each mode's
 * fraction of time, and busy = 1 - idle (node_exporter dashboards' convention).
 */
export function cpuFigures(latest) {
  const byMode = latest.groupBy('cpu_seconds_total', 'mode');
  const cpus = new Set(latest.all('cpu_seconds_total').map((s) => s.labels.cpu)).size;
  const mean = (mode) => {
    const vs = (byMode.get(mode) || []).map((s) => s.value).filter(Number.isFinite);
    return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
  };
  const idle = mean('idle');
  return {
    cpus,
    busy: idle === null ? null : Math.min(1, Math.max(0, 1 - idle)),
    user: mean('user'),
    system: mean('system'),
    iowait: mean('iowait'),
  };
}
