// A time-series line chart (ECharts) for one panel: one line per GPU, node or device, with zoom,
// and a tooltip whose every string is HTML-escaped (ECharts sets tooltip HTML with innerHTML).

import { markLineOption, mergeMarks } from '../chartmarks.js';
import { escapeHtml } from '../escape.js';
import { byUnit, clock } from '../format.js';

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

/**
 * The lines as ECharts datasets: lines with the same timestamps share one dataset whose first
 * row is the time and every further row one line's values (null for a gap), so ECharts reads each
 * point from one store instead of an [t, v] array per point per line.
 * @param lines [{timestamps, values}] in drawing order
 * @returns {datasets, rows}: rows[i] = {dataset, row} of lines[i]
 */
export function chartDatasets(lines) {
  const datasets = [];
  const rows = lines.map((line) => {
    let d = datasets.findIndex((ds) => sameTimes(ds.source[0], line.timestamps));
    if (d < 0) {
      datasets.push({ source: [line.timestamps], sourceHeader: false });
      d = datasets.length - 1;
    }
    datasets[d].source.push(line.values);
    return { dataset: d, row: datasets[d].source.length - 1 };
  });
  return { datasets, rows };
}

function sameTimes(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value of one line in a tooltip's params: its row of a shared dataset, else [t, v][1]. */
function pointValue(p) {
  const y = p.encode && p.encode.y ? p.encode.y[0] : 1;
  return Array.isArray(p.value) ? p.value[y] : undefined;
}

/** Tooltip HTML for an axis tooltip: time, then the highest values first. Exported for tests. */
export function axisTooltipHtml(params, unit) {
  const fmt = byUnit(unit);
  const list = Array.isArray(params) ? params.slice() : [params];
  if (!list.length) return '';
  const t = list[0].value ? list[0].value[0] : list[0].axisValue;
  list.sort((a, b) => (pointValue(b) ?? -Infinity) - (pointValue(a) ?? -Infinity));
  const rows = list.slice(0, TOOLTIP_ROWS).map((p) =>
    '<tr><td class="tt-name">' + escapeHtml(p.seriesName) + '</td><td class="tt-num">'
      + escapeHtml(fmt(pointValue(p))) + '</td></tr>');
  const more = list.length > TOOLTIP_ROWS ? '<div class="tt-more">+ ' + (list.length - TOOLTIP_ROWS) + ' more</div>' : '';
  return '<div class="tt-title">' + escapeHtml(clock(t)) + '</div><table class="tt-table">' + rows.join('') + '</table>' + more;
}

export class LineChart {
  /**
   * ECharts is started on the first render, not here: a page builds a chart for every panel, and
   * an instance costs an init and a draw of empty axes that the data's first draw repeats.
   * @param container an element with a size from CSS; @param panel a panel spec from panels.js
   */
  constructor(container, panel) {
    this.container = container;
    this.panel = panel;
    this.names = [];
    this.marks = [];
    // The key of the marks drawn: none. A job without events sets none again, which must draw
    // nothing (with '' here, that redrew every chart of the job page when the job's answer came).
    this.marksKey = JSON.stringify(this.marks);
    this.spanMs = null;
    this.chart = null;
    // Whether the chart has its axes, zoom and tooltip (given with the first render).
    this.configured = false;
    this.zoomCallbacks = [];
  }

  /** Every option but the lines: given with the first render. */
  baseOption() {
    const panel = this.panel;
    const fmt = byUnit(panel.unit);
    return {
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
    };
  }

  /**
   * Starts the chart and draws its empty axes ahead of its data, for the page's idle time while
   * the answers are on their way: the first draw in a page also compiles most of ECharts.
   */
  prepare() {
    if (this.configured) return;
    this.configured = true;
    this.instance().setOption(this.baseOption());
  }

  /** The ECharts instance, started on first use. */
  instance() {
    if (!this.chart) {
      this.chart = echartsLib().init(this.container, null, { renderer: 'canvas' });
      for (const callback of this.zoomCallbacks) this.listenToZoom(callback);
    }
    return this.chart;
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
    const { datasets, rows } = chartDatasets(names.map((name) => lines.get(name)));
    const series = names.map((name, i) => ({
      name,
      type: 'line',
      showSymbol: false,
      connectNulls: false,
      // One pixel: the canvas draws it as a hairline. At 1.5 px every line is filled as an
      // anti-aliased path, which made drawing a 24 h page of four 64-line charts take about 2 s of
      // the page's main thread instead of about 0.3 s (docs/benchmarks/web.md).
      lineStyle: { width: 1 },
      datasetIndex: rows[i].dataset,
      seriesLayoutBy: 'row',
      encode: { x: 0, y: rows[i].row },
    }));
    series.push(this.marksSeries());
    const option = { dataset: datasets, series, xAxis: { min: view.fromMs ?? null, max: view.toMs ?? null } };
    // A legend of dozens of GPUs costs a layout pass per entry and says less than the tooltip,
    // which lists the highest lines by name; small charts keep theirs.
    if (!sameSet) option.legend = { show: names.length <= LEGEND_MAX_LINES, data: names };
    if (view.resetZoom) option.dataZoom = [{ start: 0, end: 100 }, { start: 0, end: 100 }];
    if (!this.configured) {
      this.configured = true;
      // The first draw: axes, zoom and lines in one option (a first draw shows the whole span).
      const first = this.baseOption();
      first.dataset = datasets;
      first.series = series;
      first.xAxis = { ...first.xAxis, ...option.xAxis };
      if (option.legend) first.legend = { ...first.legend, ...option.legend };
      this.instance().setOption(first);
    } else {
      this.chart.setOption(option, { replaceMerge: sameSet ? ['dataset'] : ['series', 'dataset'] });
    }
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

  /**
   * Draws vertical marks ([{timeMs, text, colour, dashed}], chartmarks.js) over the lines. A chart
   * not drawn yet takes them with its first render; the same marks again draw nothing: every
   * redraw of a chart of 64 lines costs as much as its first.
   */
  setMarks(marks) {
    this.marks = marks || [];
    this.container.dataset.marks = String(this.marks.length);
    const key = JSON.stringify(this.marks);
    if (key === this.marksKey) return;
    this.marksKey = key;
    if (this.configured) this.chart.setOption({ series: [this.marksSeries()] });
  }

  /** Resolves when ECharts next finishes drawing; call it before render(). */
  whenDrawn() {
    const chart = this.instance();
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
    this.zoomCallbacks.push(callback);
    if (this.chart) this.listenToZoom(callback);
  }

  listenToZoom(callback) {
    this.chart.on('datazoom', () => {
      const dz = this.chart.getOption().dataZoom[0];
      if (Number.isFinite(dz.startValue) && Number.isFinite(dz.endValue)) callback(dz.startValue, dz.endValue, dz.start, dz.end);
    });
  }

  resize() {
    if (this.chart) this.chart.resize();
  }

  dispose() {
    if (this.chart) this.chart.dispose();
    this.chart = null;
    this.configured = false;
  }
}
