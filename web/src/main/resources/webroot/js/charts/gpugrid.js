// The cluster heatmap: every GPU one cell, grouped by node, drawn with an ECharts custom series.
// Cells carry their state in colour and in text; tooltips are escaped HTML.

import { escapeHtml } from '../escape.js';
import { bytes, celsius, duration, percent, watts } from '../format.js';
import { categoryOf, cellLabel, cellStyle, COLOURS } from '../gpustate.js';
import { GRID, layoutGrid } from '../gridlayout.js';

const STATE_TEXT = {
  busy: 'busy',
  idle: 'allocated, idle',
  held: 'memory held at 0 % utilisation',
  free: 'free',
  stale: 'stale (agent silent)',
};

function row(label, value) {
  return '<tr><td class="tt-key">' + escapeHtml(label) + '</td><td>' + escapeHtml(value) + '</td></tr>';
}

/** Tooltip HTML of one GPU cell; every value is escaped. Exported for tests. */
export function gpuTooltipHtml(node, gpu, nowMs) {
  const cat = categoryOf(gpu);
  const job = gpu.job;
  const mem = bytes(gpu.memory_used_bytes) + ' / ' + bytes(gpu.memory_total_bytes);
  const rows = [
    row('Model', gpu.model ?? '\u2013'),
    row('State', STATE_TEXT[cat] + (gpu.unhealthy ? ', UNHEALTHY' : '')),
    // A held GPU without a job: the hub does not show other people's jobs to this login.
    row('Job', job ? job.id + ' \u00b7 ' + (job.name ?? '') : (gpu.state === 'busy' || gpu.state === 'idle' ? 'another user\u2019s' : 'none')),
    row('User', job ? job.user ?? '\u2013' : '\u2013'),
    row('Utilisation', percent(gpu.utilization)),
    row('Memory', mem),
    row('Temperature', celsius(gpu.temperature_celsius)),
    row('Power', watts(gpu.power_watts)),
  ];
  if (Number.isFinite(gpu.idle_since_ms)) rows.push(row('Idle for', duration(nowMs - gpu.idle_since_ms)));
  return '<div class="tt-title">' + escapeHtml(node.host) + ' \u00b7 GPU ' + escapeHtml(gpu.index)
    + '</div><table class="tt-table">' + rows.join('') + '</table>';
}

function nodeTooltipHtml(node) {
  return '<div class="tt-title">' + escapeHtml(node.host) + '</div><table class="tt-table">'
    + row('Status', node.status ?? '\u2013') + row('CPU busy', percent(node.cpu_utilization_ratio))
    + row('Memory used', percent(node.memory_used_ratio)) + row('GPUs', (node.gpus || []).length) + '</table>';
}

export class GpuGrid {
  /**
   * @param container element whose width the grid fills; its height is set from the layout
   * @param onCellClick (node, gpu) => void; @param onNodeClick (node) => void
   */
  constructor(container, onCellClick, onNodeClick) {
    this.container = container;
    this.layout = { cells: [], labels: [], height: 100 };
    this.nowMs = Date.now();
    this.chart = globalThis.echarts.init(container, null, { renderer: 'canvas' });
    this.chart.on('click', (p) => {
      if (p.seriesIndex === 0) {
        const c = this.layout.cells[p.dataIndex];
        if (c) onCellClick(c.node, c.gpu);
      } else if (p.seriesIndex === 1) {
        const l = this.layout.labels[p.dataIndex];
        if (l) onNodeClick(l.node);
      }
    });
  }

  render(cluster) {
    const nodes = cluster.nodes || [];
    this.nowMs = cluster.time_ms ?? Date.now();
    const layout = layoutGrid(nodes, this.container.clientWidth || 1200);
    layout.labels.forEach((l) => { l.node = nodes[l.nodeIndex]; });
    this.layout = layout;
    // CSSOM, which the page's Content-Security-Policy allows (a style attribute would not be).
    this.container.style.height = layout.height + 'px';
    this.chart.resize();
    this.chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        className: 'cw-tooltip',
        formatter: (p) => {
          if (p.seriesIndex === 0) {
            const c = this.layout.cells[p.dataIndex];
            return c ? gpuTooltipHtml(c.node, c.gpu, this.nowMs) : '';
          }
          const l = this.layout.labels[p.dataIndex];
          return l ? nodeTooltipHtml(l.node) : '';
        },
      },
      series: [
        {
          id: 'gpus',
          type: 'custom',
          coordinateSystem: 'none',
          data: layout.cells.map((c, i) => [i]),
          renderItem: (params) => this.renderCell(layout.cells[params.dataIndex]),
        },
        {
          id: 'nodes',
          type: 'custom',
          coordinateSystem: 'none',
          data: layout.labels.map((l, i) => [i]),
          renderItem: (params) => this.renderLabel(layout.labels[params.dataIndex]),
        },
      ],
    }, { replaceMerge: ['series'] });
    this.container.dataset.cells = String(layout.cells.length);
    // Read-only handle for the browser tests: where each GPU was drawn.
    this.container.cwCells = layout.cells.map((c) => ({
      x: c.x, y: c.y, size: c.size, host: c.node.host, index: c.gpu.index, state: c.gpu.state,
      job: c.gpu.job ? c.gpu.job.id : null,
    }));
  }

  renderCell(c) {
    if (!c) return null;
    const cat = categoryOf(c.gpu);
    const style = cellStyle(cat, c.gpu.utilization);
    const children = [
      {
        type: 'rect',
        name: 'gpu-cell',
        shape: { x: c.x, y: c.y, width: c.size, height: c.size, r: 4 },
        style: {
          fill: style.fill,
          stroke: cat === 'free' ? '#495057' : '#212529',
          lineWidth: 1,
          lineDash: cat === 'free' ? [4, 3] : null,
        },
      },
      // Stale cells are also struck through (drawn under the text), in case colour is not seen.
      cat === 'stale' ? {
        type: 'line',
        silent: true,
        shape: { x1: c.x + 3, y1: c.y + c.size - 3, x2: c.x + c.size - 3, y2: c.y + 3 },
        style: { stroke: '#495057', lineWidth: 2 },
      } : null,
      {
        type: 'text',
        silent: true,
        style: {
          text: cellLabel(cat, c.gpu.utilization),
          x: c.x + c.size / 2,
          y: c.y + c.size / 2,
          align: 'center',
          verticalAlign: 'middle',
          font: 'bold 15px sans-serif',
          fill: style.lightText ? '#ffffff' : '#212529',
        },
      },
    ];
    for (let i = children.length - 1; i >= 0; i--) if (!children[i]) children.splice(i, 1);
    if (c.gpu.unhealthy) {
      children.push({
        type: 'rect',
        silent: true,
        shape: { x: c.x + 2, y: c.y + 2, width: c.size - 4, height: c.size - 4, r: 3 },
        style: { fill: null, stroke: COLOURS.unhealthy, lineWidth: 4 },
      });
      children.push({
        type: 'text',
        silent: true,
        style: {
          text: '!', x: c.x + c.size - 8, y: c.y + 11, align: 'center', verticalAlign: 'middle',
          font: 'bold 16px sans-serif', fill: COLOURS.unhealthy,
        },
      });
    }
    return { type: 'group', children };
  }

  renderLabel(l) {
    if (!l) return null;
    const down = l.node.status && l.node.status !== 'up';
    return {
      type: 'text',
      style: {
        text: l.host + (down ? '  (' + l.node.status + ')' : ''),
        x: l.x,
        y: l.y + GRID.label / 2 - 2,
        verticalAlign: 'middle',
        width: GRID.perRow * (GRID.cell + GRID.gap),
        overflow: 'truncate',
        font: 'bold 16px sans-serif',
        fill: down ? COLOURS.unhealthy : '#212529',
      },
    };
  }

  resize(cluster) {
    if (cluster) this.render(cluster);
  }

  whenDrawn() {
    const chart = this.chart;
    return new Promise((resolve) => {
      const done = () => {
        chart.off('finished', done);
        resolve();
      };
      chart.on('finished', done);
    });
  }

  dispose() {
    this.chart.dispose();
  }
}
