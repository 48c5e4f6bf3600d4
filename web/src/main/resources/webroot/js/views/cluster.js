// Cluster page (#/): counts at the top, then every GPU as a cell grouped by node.

import { GpuGrid } from '../charts/gpugrid.js';
import { el, clear } from '../dom.js';
import { jobHash, nodeHash } from '../router.js';
import { createAlertsPanel } from './alertspanel.js';

const COUNT_TILES = [
  ['nodes_up', 'Nodes up', ''],
  ['nodes_down', 'Nodes down', 'bad'],
  ['gpus_busy', 'GPUs busy', ''],
  ['gpus_idle', 'GPUs idle', 'warn'],
  ['gpus_free', 'GPUs free', ''],
  ['gpus_stale', 'GPUs stale', 'bad'],
  ['alerts_firing', 'Alerts firing', 'bad'],
];

const LEGEND = [
  ['sw-busy0', 'busy \u2264 25 %'],
  ['sw-busy1', '\u2264 50 %'],
  ['sw-busy2', '\u2264 75 %'],
  ['sw-busy3', '\u2264 100 %'],
  ['sw-idle', 'IDLE: allocated, idle'],
  ['sw-held', 'MEM: memory held at 0 %'],
  ['sw-free', 'free'],
  ['sw-stale', 'stale: agent silent'],
  ['sw-unhealthy', '! unhealthy'],
];

export function createClusterView(ctx) {
  let grid = null;
  let countsEl = null;
  let latest = null;
  let firstDraw = null;
  const alertsPanel = createAlertsPanel(ctx);
  const onResize = () => latest && grid && grid.render(latest);

  function renderCounts(counts) {
    clear(countsEl);
    for (const [key, label, tone] of COUNT_TILES) {
      const v = counts ? counts[key] : null;
      const emphasise = tone && typeof v === 'number' && v > 0;
      countsEl.append(el('div', { cls: 'count' + (emphasise ? ' ' + tone : ''), data: { count: key } }, [
        el('div', { cls: 'count-value', text: typeof v === 'number' ? v : '\u2013' }),
        el('div', { cls: 'count-label', text: label }),
      ]));
    }
  }

  function show(cluster) {
    latest = cluster;
    renderCounts(cluster.counts);
    grid.render(cluster);
  }

  return {
    liveView: 'cluster',
    title: 'Cluster',
    async mount(root) {
      countsEl = el('div', { cls: 'counts', data: { testid: 'counts' } });
      const legend = el('div', { cls: 'legend' }, LEGEND.map(([cls, text]) =>
        el('span', { cls: 'legend-item' }, [el('span', { cls: 'swatch ' + cls }), el('span', { text })])));
      const gridEl = el('div', { cls: 'gpu-grid', data: { testid: 'gpu-grid' } });
      root.append(el('h1', { text: 'Cluster' }), countsEl, alertsPanel.element, legend, gridEl);
      grid = new GpuGrid(gridEl,
        (node, gpu) => ctx.navigate(gpu.job ? jobHash(gpu.job.id) : nodeHash(node.host)),
        (node) => ctx.navigate(nodeHash(node.host)));
      window.addEventListener('resize', onResize);
      renderCounts(null);
      firstDraw = grid.whenDrawn();
      const alertsLoaded = alertsPanel.load();
      show(await ctx.api.cluster());
      await Promise.all([firstDraw, alertsLoaded]);
    },
    onLive(msg) {
      if (alertsPanel.onLive(msg)) return;
      if ((msg.type === 'snapshot' || msg.type === 'delta') && msg.data && grid) show(msg.data);
    },
    onReconnected() {
      // The next snapshot replaces the whole picture; nothing to back-fill.
    },
    dispose() {
      alertsPanel.dispose();
      window.removeEventListener('resize', onResize);
      if (grid) grid.dispose();
    },
  };
}
