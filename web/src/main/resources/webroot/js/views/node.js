// Node page (#/node/{host}): health first, then every GPU, InfiniBand port and disk, CPU and
// memory, and the node's charts over the last 15 minutes, all live.

import { el, clear, facts } from '../dom.js';
import { LatestValues } from '../latest.js';
import { NODE_PANELS } from '../panels.js';
import { PanelSet } from '../panelset.js';
import { rangeWindow } from '../ranges.js';
import { ibIncreases, loadErrorIncreases, renderHealth } from './nodehealth.js';
import { createAlertsPanel } from './alertspanel.js';
import { cpuMemoryFacts, diskTable, gpuTable, ibTable } from './nodetables.js';

const REFRESH_NODE_MS = 5000;
const REFRESH_ERRORS_MS = 60000;

export function createNodeView(ctx, host) {
  let node = null;
  const latest = new LatestValues();
  let increases = new Map();
  let panels = null;
  const els = {};
  let timers = [];
  let dirty = false;
  const alertsPanel = createAlertsPanel(ctx, host);

  function renderAll() {
    dirty = false;
    const now = Date.now();
    renderHealth(els.health, node, latest, increases, now);
    clear(els.gpus);
    els.gpus.append(gpuTable(node.gpus || [], latest));
    clear(els.ib);
    els.ib.append(ibTable(latest, ibIncreases(increases)));
    clear(els.disks);
    els.disks.append(diskTable(latest));
    clear(els.cpu);
    els.cpu.append(cpuMemoryFacts(latest));
    els.status.textContent = node.status ?? '?';
    els.status.className = 'badge ' + (node.status === 'up' ? 'ok' : 'bad');
  }

  function absorbSeries(series, fallbackT) {
    for (const s of series || []) latest.set(s.metric, s.labels, s.value, s.timestamp_ms ?? s.t ?? fallbackT);
  }

  async function refreshNode() {
    try {
      node = await ctx.api.node(host);
      absorbSeries(node.series);
      dirty = true;
      ctx.clearReport();
    } catch (e) {
      ctx.report(e);
    }
  }

  async function refreshErrors() {
    try {
      increases = await loadErrorIncreases(ctx.api, host, Date.now());
      dirty = true;
    } catch (e) {
      ctx.report(e);
    }
  }

  return {
    liveView: 'node:' + host,
    title: host,
    async mount(root) {
      node = await ctx.api.node(host);
      absorbSeries(node.series);
      els.status = el('span', { cls: 'badge' });
      els.health = el('div', { cls: 'health', data: { testid: 'health' } });
      els.gpus = el('div', { cls: 'table-wrap' });
      els.ib = el('div', { cls: 'table-wrap' });
      els.disks = el('div', { cls: 'table-wrap' });
      els.cpu = el('div', {});
      const panelsEl = el('div', { cls: 'panels' });
      const attrs = Object.entries(node.attributes || {}).sort(([a], [b]) => a.localeCompare(b));
      root.append(...[
        el('h1', {}, [el('span', { text: node.host }), els.status]),
        alertsPanel.element,
        els.health,
        attrs.length ? el('details', { cls: 'attributes' }, [el('summary', { text: 'Node facts reported by the agent' }),
          facts(attrs.map(([k, v]) => [k, String(v)]))]) : null,
        el('h2', { text: 'GPUs' }), els.gpus,
        el('h2', { text: 'InfiniBand ports' }), els.ib,
        el('h2', { text: 'Disks (iostat -x)' }), els.disks,
        el('h2', { text: 'CPU and memory' }), els.cpu,
        el('h2', { text: 'Last 15 minutes' }), panelsEl,
      ].filter(Boolean));
      panels = new PanelSet(panelsEl, NODE_PANELS, ctx.api, { host });
      const errorsLoaded = refreshErrors();
      const alertsLoaded = alertsPanel.load();
      renderAll();
      timers = [
        setInterval(refreshNode, REFRESH_NODE_MS),
        setInterval(refreshErrors, REFRESH_ERRORS_MS),
        // Tables are rebuilt at most once a second, whatever the delta rate.
        setInterval(() => dirty && renderAll(), 1000),
      ];
      await Promise.all([errorsLoaded, alertsLoaded, panels.load(rangeWindow('live', Date.now(), null))]);
      renderAll();
    },
    onLive(msg) {
      if (alertsPanel.onLive(msg)) return;
      if (!msg.data) return;
      if (msg.type === 'snapshot') {
        absorbSeries(msg.data.series, msg.time_ms);
        dirty = true;
      } else if (msg.type === 'delta' && Array.isArray(msg.data.points)) {
        for (const p of msg.data.points) latest.set(p.metric, p.labels, p.v, p.t);
        dirty = true;
        if (panels) panels.applyPoints(msg.data.points, msg.time_ms ?? Date.now());
      }
    },
    async onReconnected() {
      await Promise.all([refreshNode(), alertsPanel.load()]);
      if (panels) await panels.fillGap(Date.now());
    },
    resize() {
      if (panels) panels.resize();
    },
    dispose() {
      alertsPanel.dispose();
      timers.forEach(clearInterval);
      if (panels) panels.dispose();
    },
  };
}
