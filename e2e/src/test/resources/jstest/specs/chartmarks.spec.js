import { test, eq, deepEq, ok } from '../harness.js';
import { jobMarks, markLineOption, mergeMarks, shortLabel } from '/js/chartmarks.js';

const EVIL = '{b|<img src=x onerror="window.markXss=1">} {a}';

const JOB = {
  events: [
    { time_ms: 3000, kind: 'alert_resolved', rule: 'gpu_temp', severity: 'warning', summary: 'GPU hot', host: 'n1' },
    { time_ms: 1000, kind: 'alert_fired', rule: 'gpu_xid', severity: 'critical', summary: 'XID 79 on ' + EVIL, host: EVIL },
    { time_ms: null, kind: 'alert_fired', rule: 'x', severity: 'info', summary: 'no time' },
  ],
  hints: [{ rule: 'data_loading', summary: 'data loading? ' + EVIL, evidence: 'GPU 5 %, CPU core 100 %', state: 'firing', active_at_ms: 2000, resolved_at_ms: 4000 }],
};

test('events and hints become marks at their times, oldest first', () => {
  const marks = jobMarks(JOB);
  deepEq(marks.map((m) => [m.timeMs, m.kind, m.dashed]), [[1000, 'fired', false], [2000, 'hint', true], [3000, 'resolved', true], [4000, 'hint_resolved', true]]);
  eq(marks[0].text, 'gpu_xid', 'the rule beside the line');
  eq(marks[0].detail, 'XID 79 on ' + EVIL, 'the summary in the name');
  eq(marks[0].colour, '#c62828', 'critical in red');
  eq(marks[1].text, 'hint: data loading? ' + EVIL);
  eq(marks[2].text, 'resolved: gpu_temp');
});

test('marks outside the window are left out; a job without events has none', () => {
  deepEq(jobMarks(JOB, 1500, 3500).map((m) => m.timeMs), [2000, 3000]);
  deepEq(jobMarks({}), []);
  deepEq(jobMarks(null), []);
});

test('markLine: one vertical line per mark, labels returned verbatim by a function, no rich text', () => {
  const opt = markLineOption(jobMarks(JOB));
  eq(opt.data.length, 4);
  eq(opt.data[0].xAxis, 1000);
  eq(opt.data[0].lineStyle.type, 'solid');
  eq(opt.data[1].lineStyle.type, 'dashed');
  eq(typeof opt.data[0].label.formatter, 'function', 'no {a}/{b} template string');
  eq(opt.data[1].label.formatter({ name: 'other' }), shortLabel('hint: data loading? ' + EVIL));
  eq(opt.data[1].label.rich, undefined);
  eq(opt.data[0].name, 'XID 79 on ' + EVIL);
});

test('long labels are cut with an ellipsis', () => {
  eq(shortLabel('x'.repeat(48)), 'x'.repeat(48));
  eq(shortLabel('x'.repeat(60)), 'x'.repeat(47) + '\u2026');
});

test('a chart draws the marks as canvas text: the label is literal, nothing enters the DOM', async () => {
  const { LineChart } = await import('/js/charts/linechart.js');
  const div = document.createElement('div');
  div.style.width = '800px';
  div.style.height = '300px';
  document.body.append(div);
  try {
    const chart = new LineChart(div, { key: 't', unit: 'ratio' });
    const line = { timestamps: [0, 5000], values: [0.5, 0.6] };
    chart.setMarks(jobMarks(JOB));
    const drawn = chart.whenDrawn();
    chart.render(new Map([['n1:0', line]]), { fromMs: 0, toMs: 5000 });
    await drawn;
    const texts = chart.chart.getZr().storage.getDisplayList(true)
      .map((e) => e.style && e.style.text).filter((t) => typeof t === 'string');
    ok(texts.includes(shortLabel('hint: data loading? ' + EVIL)), 'the hint label drawn verbatim: ' + JSON.stringify(texts));
    ok(texts.includes('gpu_xid'), 'the event drawn');
    eq(div.querySelectorAll('img').length, 0);
    eq(window.markXss, undefined);
    deepEq(chart.chart.getOption().legend[0].data, ['n1:0'], 'the marks are not a legend entry');
    chart.dispose();
  } finally {
    div.remove();
  }
});

test('no marks again on a drawn chart without marks draws nothing; new marks draw once', async () => {
  const { LineChart } = await import('/js/charts/linechart.js');
  const div = document.createElement('div');
  div.style.width = '600px';
  div.style.height = '300px';
  document.body.append(div);
  try {
    const chart = new LineChart(div, { key: 't', unit: 'ratio' });
    const drawn = chart.whenDrawn();
    chart.render(new Map([['n1:0', { timestamps: [0, 5000], values: [0.5, 0.6] }]]), { fromMs: 0, toMs: 5000 });
    await drawn;
    let options = 0;
    const setOption = chart.chart.setOption.bind(chart.chart);
    chart.chart.setOption = (...args) => {
      options++;
      return setOption(...args);
    };
    chart.setMarks(jobMarks({ events: [], hints: [] }));
    chart.setMarks([]);
    eq(options, 0, 'a job without events redraws nothing');
    chart.setMarks(jobMarks(JOB));
    chart.setMarks(jobMarks(JOB));
    eq(options, 1, 'the same marks twice draw once');
    eq(div.dataset.marks, '4');
    chart.dispose();
  } finally {
    div.remove();
  }
});

test('hints panel: hints with evidence, events newest first, and "unavailable" for a hub without them', async () => {
  const { renderHints } = await import('/js/views/jobhints.js');
  const div = document.createElement('div');
  renderHints(div, { id: '1' });
  eq(div.dataset.state, 'unavailable');
  ok(div.textContent.includes('Hints unavailable'), div.textContent);
  renderHints(div, { hints: [], events: [] });
  ok(div.textContent.includes('No bottleneck hints'), div.textContent);
  renderHints(div, JOB, 10000);
  eq(div.dataset.state, 'ready');
  const hint = div.querySelector('li.hint');
  ok(hint.textContent.includes('data loading? ' + EVIL) && hint.textContent.includes('Evidence: GPU 5 %, CPU core 100 %'), hint.textContent);
  eq(hint.classList.contains('resolved'), true, 'a hint with resolved_at_ms is over');
  const events = [...div.querySelectorAll('li.event')];
  eq(events.length, 3);
  eq(div.querySelector('details'), null, 'few events: nothing folded');
  const many = { hints: [], events: Array.from({ length: 9 }, (_, i) => ({ time_ms: i * 1000, kind: 'alert_fired', severity: 'warning', summary: 'e' + i })) };
  renderHints(div, many, 10000);
  eq(div.querySelectorAll(':scope > ul.event-list > li').length, 6, 'the newest six in view');
  eq(div.querySelector(':scope > ul.event-list > li').textContent.includes('e8'), true, 'newest first');
  eq(div.querySelectorAll('details li.event').length, 3);
  ok(div.querySelector('details summary').textContent === '3 older events', div.querySelector('details summary').textContent);
  renderHints(div, JOB, 10000);
  eq(events[0].className, 'event sev-resolved');
  ok(events[1].textContent.includes('XID 79 on ' + EVIL), events[1].textContent);
  eq(div.querySelectorAll('img').length, 0);
});

test('a burst of marks within the gap is one mark: the most severe text, +N more, all texts in its name', () => {
  const m = (t, text, colour, dashed = false) => ({ timeMs: t, text, colour, dashed, kind: 'fired' });
  const merged = mergeMarks([m(0, 'warm', '#e65100'), m(500, 'hot', '#c62828'), m(900, 'over', '#2e7d32', true), m(1000, 'later', '#e65100'), m(5000, 'alone', '#1565c0', true)], 1000);
  deepEq(merged.map((x) => [x.timeMs, x.text, x.colour, x.dashed]), [
    [0, 'hot (+2 more)', '#c62828', false], [1000, 'later', '#e65100', false], [5000, 'alone', '#1565c0', true]]);
  deepEq(merged[0].names, ['warm', 'hot', 'over']);
  eq(markLineOption(merged).data[0].name, 'warm\nhot\nover');
  deepEq(mergeMarks([m(0, 'a', '#e65100'), m(0, 'b', '#e65100')], 0).length, 2, 'no gap: nothing merged');
});
