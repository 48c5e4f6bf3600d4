// The idle board (#/idle): idle GPUs grouped by a scheduler attribute, worst group first, from
// GET /api/v1/idle, or grouped here from the cluster and the running jobs when the hub has no
// idle endpoint.

export const GROUP_KEYS = Object.freeze(['account', 'partition', 'reservation', 'namespace', 'user']);
export const DEFAULT_GROUP = 'account';
export const NONE_LABEL = '(none)';

/** The grouping asked for in the page's URL (#/idle?by=account); anything else gives the default. */
export function groupByFromQuery(query) {
  const by = query && query.by;
  return GROUP_KEYS.includes(by) ? by : DEFAULT_GROUP;
}

export function idleHash(by) {
  return '#/idle' + (by && by !== DEFAULT_GROUP ? '?by=' + encodeURIComponent(by) : '');
}

/** The heading of a group: its key, or "(none)" for jobs without the attribute. */
export function groupLabel(key) {
  return key === undefined || key === null || key === '' ? NONE_LABEL : String(key);
}

function num(v) {
  return Number.isFinite(v) ? v : 0;
}

function byWaste(a, b) {
  return num(b.wasted_gpu_minutes) - num(a.wasted_gpu_minutes);
}

function gpuOrder(a, b) {
  return byWaste(a, b)
    || String(a.host ?? '').localeCompare(String(b.host ?? ''), undefined, { numeric: true })
    || num(a.gpu_index) - num(b.gpu_index);
}

/**
 * Sorts the groups of a /api/v1/idle answer (largest waste first, then by label; GPUs within a
 * group likewise) without changing them, and recomputes each group's totals from its GPUs when the
 * answer lacks them.
 */
export function sortGroups(groups) {
  return (groups || []).map((g) => {
    const gpus = (g.gpus || []).slice().sort(gpuOrder);
    return {
      key: g.key ?? '',
      idle_gpus: Number.isFinite(g.idle_gpus) ? g.idle_gpus : gpus.length,
      wasted_gpu_minutes: Number.isFinite(g.wasted_gpu_minutes) ? g.wasted_gpu_minutes
        : gpus.reduce((s, x) => s + num(x.wasted_gpu_minutes), 0),
      gpus,
    };
  }).sort((a, b) => byWaste(a, b) || groupLabel(a.key).localeCompare(groupLabel(b.key)));
}

/** Totals over every group: {idleGpus, wastedGpuMinutes}. */
export function boardTotals(groups) {
  let idleGpus = 0;
  let wastedGpuMinutes = 0;
  for (const g of groups || []) {
    idleGpus += num(g.idle_gpus);
    wastedGpuMinutes += num(g.wasted_gpu_minutes);
  }
  return { idleGpus, wastedGpuMinutes };
}

/**
 * The same groups built from GET /api/v1/cluster and the running jobs (their attributes), for a hub
 * without /api/v1/idle. Only GPUs in state idle count, and the waste is the current idle stretch
 * (now - idle_since_ms), because the cluster body knows nothing earlier.
 */
export function groupsFromCluster(cluster, jobs, by, nowMs) {
  const jobById = new Map((jobs || []).map((j) => [j.id, j]));
  const groups = new Map();
  for (const node of (cluster && cluster.nodes) || []) {
    for (const gpu of node.gpus || []) {
      if (gpu.state !== 'idle' || !gpu.job) continue;
      const job = jobById.get(gpu.job.id);
      const key = by === 'user' ? (gpu.job.user ?? '') : ((job && job.attributes && job.attributes[by]) ?? '');
      const since = Number.isFinite(gpu.idle_since_ms) ? gpu.idle_since_ms : null;
      const wasted = since === null ? null : Math.max(0, nowMs - since) / 60000;
      let g = groups.get(key);
      if (!g) {
        g = { key, gpus: [] };
        groups.set(key, g);
      }
      g.gpus.push({
        host: node.host,
        gpu_index: gpu.index,
        gpu_uuid: gpu.uuid,
        job_id: gpu.job.id,
        user: gpu.job.user,
        job_name: gpu.job.name,
        idle_since_ms: since,
        wasted_gpu_minutes: wasted,
        memory_used_bytes: gpu.memory_used_bytes,
        reason: gpu.memory_held_idle ? 'memory held at 0 % utilisation' : 'utilisation at or under the idle threshold',
      });
    }
  }
  return sortGroups([...groups.values()].map((g) => ({ key: g.key, gpus: g.gpus })));
}
