// A time-series line chart (ECharts) for one panel: one line per GPU, node or device, with zoom,
// and a tooltip whose every string is HTML-escaped (ECharts sets tooltip HTML with innerHTML).

import { markLineOption, mergeMarks } from '../chartmarks.js';
import { escapeHtml } from '../escape.js';
import { byUnit, clock } from '../format.js';
import { toChartData } from '../timeseries.js';

const TOOLTIP_ROWS = 12;
const LEGEND_MAX_LINES = 16;
/** The series that carries the event marks: no data of its own, not in the legend. */
const MARKS_ID = 'cw-marks';
/** Marks closer than this share of the visible span are drawn as one. */
const MARK_MERGE_SHARE = 1 / 60;

function echartsLib() {
  const lib = globalThis.echarts;
  if (!lib) throw new Error('ECharts did not load from /webjars/echarts/5.3.1/dist/echarts.min.js');
  return lib;
}

/** Tooltip HTML for an axis tooltip: time, then the highest values first. Exported for tests. */
export function axisTooltipHtml(params, unit) {
  const fmt = byUnit(unit);
  const list = Array.isArray(params) ? params.slice() : [params];
  if (!list.length) return '';
  const t = list[0].value ? list[0].value[0] : list[0].axisValue;
  list.sort((a, b) => (b.value?.[1] ?? -Infinity) - (a.value?.[1] ?? -Infinity));
  const rows = list.slice(0, TOOLTIP_ROWS).map((p) =>
    '<tr><td class="tt-name">' + escapeHtml(p.seriesName) + '</td><td class="tt-num">'
      + escapeHtml(fmt(p.value?.[1])) + '</td></tr>');
  const more = list.length > TOOLTIP_ROWS ? '<div class="tt-more">+ ' + (list.length - TOOLTIP_ROWS) + ' more</div>' : '';
  return '<div class="tt-title">' + escapeHtml(clock(t)) + '</div><table class="tt-table">' + rows.join('') + '</table>' + more;
}

export class LineChart {
  /** @param container an element with a size from CSS; @param panel a panel spec from panels.js */
  constructor(container, panel) {
    this.container = container;
    this.panel = panel;
    this.names = [];
    this.marks = [];
    this.spanMs = null;
    this.chart = echartsLib().init(container, null, { renderer: 'canvas' });
    const fmt = byUnit(panel.unit);
    this.chart.setOption({
      animation: false,
      grid: { left: 80, right: 24, top: 16, bottom: 84 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        className: 'cw-tooltip',
        formatter: (params) => axisTooltipHtml(params, panel.unit),
      },
      legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 13 } },
      xAxis: { type: 'time', axisLabel: { fontSize: 13 } },
      yAxis: {
        type: 'value',
        min: 0,
        max: panel.unit === 'ratio' ? 1 : null,
        axisLabel: { fontSize: 13, formatter: (v) => fmt(v) },
      },
      dataZoom: [{ type: 'inside', filterMode: 'none' }, { type: 'slider', bottom: 32, height: 18, filterMode: 'none' }],
      series: [],
    });
  }

  /**
   * Draws the lines (Map name -> line); lines that vanished are removed.
   * @param view {fromMs, toMs, resetZoom}: the time axis spans the page's window, not just the
   *   data, so every panel shows the same span; resetZoom after loading a new window
   */
  render(lines, view = {}) {
    if (Number.isFinite(view.fromMs) && Number.isFinite(view.toMs)) this.spanMs = view.toMs - view.fromMs;
    const names = [...lines.keys()];
    const sameSet = names.length === this.names.length && names.every((n, i) => n === this.names[i]);
    const series = names.map((name) => ({
      name,
      type: 'line',
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1.5 },
      data: toChartData(lines.get(name)),
    }));
    series.push(this.marksSeries());
    const option = { series, xAxis: { min: view.fromMs ?? null, max: view.toMs ?? null } };
    // A legend of dozens of GPUs costs a layout pass per entry and says less than the tooltip,
    // which lists the highest lines by name; small charts keep theirs.
    if (!sameSet) option.legend = { show: names.length <= LEGEND_MAX_LINES, data: names };
    if (view.resetZoom) option.dataZoom = [{ start: 0, end: 100 }, { start: 0, end: 100 }];
    this.chart.setOption(option, sameSet ? {} : { replaceMerge: ['series'] });
    this.names = names;
    let newest = null;
    for (const line of lines.values()) {
      const last = line.timestamps.length ? line.timestamps[line.timestamps.length - 1] : null;
      if (last !== null && (newest === null || last > newest)) newest = last;
    }
    // Read by the browser tests and handy when debugging: the newest point drawn.
    if (newest !== null) this.container.dataset.newestMs = String(newest);
    this.container.dataset.lines = String(names.length);
  }

  marksSeries() {
    const merged = mergeMarks(this.marks, this.spanMs ? this.spanMs * MARK_MERGE_SHARE : 0);
    this.container.dataset.marks = String(this.marks.length);
    this.container.dataset.marksDrawn = String(merged.length);
    return { id: MARKS_ID, name: MARKS_ID, type: 'line', data: [], markLine: markLineOption(merged) };
  }

  /** Draws vertical marks ([{timeMs, text, colour, dashed}], chartmarks.js) over the lines. */
  setMarks(marks) {
    this.marks = marks || [];
    this.chart.setOption({ series: [this.marksSeries()] });
  }

  /** Resolves when ECharts next finishes drawing; call it before render(). */
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

  /** Calls back with the visible [fromMs, toMs] whenever the user zooms or pans. */
  onZoom(callback) {
    this.chart.on('datazoom', () => {
      const dz = this.chart.getOption().dataZoom[0];
      if (Number.isFinite(dz.startValue) && Number.isFinite(dz.endValue)) callback(dz.startValue, dz.endValue, dz.start, dz.end);
    });
  }

  resize() {
    this.chart.resize();
  }

  dispose() {
    this.chart.dispose();
  }
}
