// Display categories of a GPU cell on the cluster page, from the hub's state and flags
// (docs/API.md "GPU states"). One category per cell; `unhealthy` is drawn on top of it.

export const CATEGORY = Object.freeze({
  BUSY: 'busy',
  IDLE: 'idle',
  HELD: 'held', // memory held while utilisation is 0
  FREE: 'free',
  STALE: 'stale',
});

/** Utilisation bands for busy GPUs, as gpudash colours its grid: (0,25], (25,50], (50,75], (75,100] %. */
const BUSY_COLOURS = ['#b7e4c7', '#52b788', '#2d6a4f', '#081c15'];

export const COLOURS = Object.freeze({
  idle: '#f59f00',
  held: '#d9480f',
  free: '#f1f3f5',
  stale: '#868e96',
  unhealthy: '#c92a2a',
});

/** The category of one GPU object from /api/v1/cluster. */
export function categoryOf(gpu) {
  if (gpu.state === 'stale') return CATEGORY.STALE;
  if (gpu.memory_held_idle && gpu.state !== 'busy') return CATEGORY.HELD;
  if (gpu.state === 'idle') return CATEGORY.IDLE;
  if (gpu.state === 'free') return CATEGORY.FREE;
  return CATEGORY.BUSY;
}

/** Index into the busy colour bands for a 0..1 utilisation. */
export function busyBand(utilization) {
  const u = typeof utilization === 'number' && Number.isFinite(utilization) ? utilization : 0;
  if (u <= 0.25) return 0;
  if (u <= 0.5) return 1;
  if (u <= 0.75) return 2;
  return 3;
}

/** Fill colour and whether the cell's text must be light to stay readable on it. */
export function cellStyle(category, utilization) {
  if (category === CATEGORY.BUSY) {
    const band = busyBand(utilization);
    return { fill: BUSY_COLOURS[band], lightText: band >= 2 };
  }
  return { fill: COLOURS[category], lightText: category === CATEGORY.HELD || category === CATEGORY.STALE };
}

/** Short text written inside the cell so the state never depends on colour alone. */
export function cellLabel(category, utilization) {
  switch (category) {
    case CATEGORY.BUSY: {
      const u = typeof utilization === 'number' && Number.isFinite(utilization) ? utilization : null;
      return u === null ? '?' : Math.round(u * 100) + '%';
    }
    case CATEGORY.IDLE: return 'IDLE';
    case CATEGORY.HELD: return 'MEM';
    case CATEGORY.FREE: return 'free';
    default: return 'stale';
  }
}

/** Counts of every category and of unhealthy GPUs over a /api/v1/cluster body. */
export function countCategories(cluster) {
  const counts = { busy: 0, idle: 0, held: 0, free: 0, stale: 0, unhealthy: 0, total: 0 };
  for (const node of cluster.nodes || []) {
    for (const gpu of node.gpus || []) {
      counts[categoryOf(gpu)]++;
      if (gpu.unhealthy) counts.unhealthy++;
      counts.total++;
    }
  }
  return counts;
}
