// The idle-GPU board: every allocated GPU idle now, how long, whose, worst first.

/**
 * @param cluster body of GET /api/v1/cluster (GPUs with state 'idle' carry idle_since_ms)
 * @param nowMs the cluster's time
 * @returns rows [{host, index, model, memoryHeld, memoryUsed, idleMs, wastedGpuMinutes, job}] sorted
 *   by wasted GPU-minutes (the idle time of the GPU so far), longest first
 */
export function idleGpuRows(cluster, nowMs) {
  const rows = [];
  for (const node of cluster.nodes || []) {
    for (const gpu of node.gpus || []) {
      if (gpu.state !== 'idle' || !gpu.job) continue;
      const since = Number.isFinite(gpu.idle_since_ms) ? gpu.idle_since_ms : null;
      const idleMs = since === null ? null : Math.max(0, nowMs - since);
      rows.push({
        host: node.host,
        index: gpu.index,
        model: gpu.model,
        memoryHeld: !!gpu.memory_held_idle,
        memoryUsed: gpu.memory_used_bytes,
        idleMs,
        wastedGpuMinutes: idleMs === null ? 0 : idleMs / 60000,
        job: gpu.job,
      });
    }
  }
  rows.sort((a, b) => b.wastedGpuMinutes - a.wastedGpuMinutes
    || String(a.host).localeCompare(String(b.host), undefined, { numeric: true }) || a.index - b.index);
  return rows;
}

/**
 * Rows grouped per job: idle GPUs now, their wasted GPU-minutes summed, and the job's idle
 * GPU-minutes over its whole life from /api/v1/jobs (summary.idle_gpu_minutes) when known.
 */
export function idleJobRows(gpuRows, jobs) {
  const byId = new Map();
  for (const r of gpuRows) {
    let j = byId.get(r.job.id);
    if (!j) {
      j = { id: r.job.id, user: r.job.user, name: r.job.name, idleGpus: 0, wastedGpuMinutes: 0, longestIdleMs: 0, totalGpus: null, lifetimeIdleGpuMinutes: null };
      byId.set(r.job.id, j);
    }
    j.idleGpus++;
    j.wastedGpuMinutes += r.wastedGpuMinutes;
    j.longestIdleMs = Math.max(j.longestIdleMs, r.idleMs ?? 0);
  }
  for (const job of jobs || []) {
    const j = byId.get(job.id);
    if (!j) continue;
    j.totalGpus = (job.gpus || []).length;
    const m = job.summary ? job.summary.idle_gpu_minutes : null;
    j.lifetimeIdleGpuMinutes = Number.isFinite(m) ? m : null;
  }
  return [...byId.values()].sort((a, b) => b.wastedGpuMinutes - a.wastedGpuMinutes);
}
