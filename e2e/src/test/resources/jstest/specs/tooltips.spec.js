import { test, eq, deepEq, ok } from '../harness.js';
import { axisTooltipHtml, chartDatasets } from '/js/charts/linechart.js';
import { gpuTooltipHtml } from '/js/charts/gpugrid.js';

const EVIL = '<img src=x onerror="window.tooltipXss=1">';

function parse(html) {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

test('GPU tooltip shows node, model, job, user, utilisation, memory, temperature, power as inert text', () => {
  const html = gpuTooltipHtml({ host: EVIL }, {
    index: 3, model: EVIL, state: 'busy', utilization: 0.97, memory_used_bytes: 6.1e10, memory_total_bytes: 8.5e10,
    power_watts: 612, temperature_celsius: 71, job: { id: EVIL, user: EVIL, name: EVIL },
  }, 0);
  const div = parse(html);
  eq(div.querySelectorAll('img').length, 0, 'no element from user text');
  const text = div.textContent;
  for (const part of [EVIL + ' \u00b7 GPU 3', 'Model' + EVIL, 'User' + EVIL, '97 %', '56.8 GiB / 79.2 GiB', '71 \u00b0C', '612 W']) {
    ok(text.includes(part), 'tooltip contains ' + part);
  }
  eq(window.tooltipXss, undefined);
});

test('GPU tooltip of an idle GPU says for how long', () => {
  const text = parse(gpuTooltipHtml({ host: 'n1' }, { index: 0, state: 'idle', idle_since_ms: 0, job: { id: '1', user: 'u', name: 'j' } }, 720000)).textContent;
  ok(text.includes('Idle for12 min'), text);
});

test('GPU tooltip of a GPU held by a job the hub does not show says so; a free GPU has no job', () => {
  const hidden = parse(gpuTooltipHtml({ host: 'n1' }, { index: 0, state: 'busy', job: null }, 0)).textContent;
  ok(hidden.includes('Job' + 'another user\u2019s'), hidden);
  const free = parse(gpuTooltipHtml({ host: 'n1' }, { index: 1, state: 'free', job: null }, 0)).textContent;
  ok(free.includes('Jobnone'), free);
});

test('axis tooltip escapes line names and lists the highest values first', () => {
  const params = [
    { seriesName: 'n1:0', value: [0, 0.2] },
    { seriesName: EVIL, value: [0, 0.9] },
  ];
  const div = parse(axisTooltipHtml(params, 'ratio'));
  eq(div.querySelectorAll('img').length, 0);
  const names = [...div.querySelectorAll('.tt-name')].map((td) => td.textContent);
  eq(names[0], EVIL);
  eq(names[1], 'n1:0');
});

test('axis tooltip reads each line\'s own row of a shared dataset', () => {
  // ECharts gives a dataset line's point as the whole column [t, row 1, row 2, ...] and its row in encode.
  const column = [0, 0.2, 0.9];
  const params = [
    { seriesName: 'n1:0', value: column, encode: { x: [0], y: [1] } },
    { seriesName: 'n1:1', value: column, encode: { x: [0], y: [2] } },
  ];
  const div = parse(axisTooltipHtml(params, 'ratio'));
  deepEq([...div.querySelectorAll('.tt-name')].map((td) => td.textContent), ['n1:1', 'n1:0']);
  deepEq([...div.querySelectorAll('.tt-num')].map((td) => td.textContent), ['90 %', '20 %']);
});

test('lines with the same timestamps share one dataset, each in a row of its own', () => {
  const a = { timestamps: [1, 2, 3], values: [0.1, null, 0.3] };
  const b = { timestamps: [1, 2, 3], values: [0.4, 0.5, 0.6] };
  const c = { timestamps: [1, 3], values: [7, 8] };
  const { datasets, rows } = chartDatasets([a, b, c]);
  eq(datasets.length, 2);
  deepEq(datasets[0].source, [[1, 2, 3], [0.1, null, 0.3], [0.4, 0.5, 0.6]]);
  deepEq(datasets[1].source, [[1, 3], [7, 8]]);
  deepEq(rows, [{ dataset: 0, row: 1 }, { dataset: 0, row: 2 }, { dataset: 1, row: 1 }]);
});
