import { test, eq, deepEq, ok } from '../harness.js';
import { alertCounts, alertGpu, alertSince, panelAlerts, severityClass } from '/js/alerts.js';
import { createApi, queryString } from '/js/api.js';

const A = (rule, state, host, active, fired, extra = {}) => ({
  rule, state, severity: 'warning', labels: { host, ...(extra.labels || {}) },
  active_at_ms: active, fired_at_ms: fired, resolved_at_ms: extra.resolved ?? null,
});

const ALERTS = [
  A('gpu_temperature_high', 'firing', 'n1', 1000, 61000),
  A('gpu_xid', 'firing', 'n2', 5000, 5000),
  A('disk_busy', 'pending', 'n1', 90000, null),
  A('ib_port_down', 'resolved', 'n1', 100, 200, { resolved: 99000 }),
  A('agent_silent', 'inactive', 'n3', null, null),
  { ...A('data_loading', 'firing', 'n1', 95000, 95000), group: 'hint' },
];

test('since: firing counts from fired_at_ms, pending from active_at_ms, resolved from resolved_at_ms', () => {
  eq(alertSince(ALERTS[0]), 61000);
  eq(alertSince(ALERTS[2]), 90000);
  eq(alertSince(ALERTS[3]), 99000);
  eq(alertSince(A('r', 'firing', 'h', 7, null)), 7, 'a firing alert without fired_at_ms falls back to active_at_ms');
  eq(alertSince(A('r', 'pending', 'h', null, null)), null);
});

test('the panel lists firing and pending alerts only, newest first, and no hints', () => {
  deepEq(panelAlerts(ALERTS).map((a) => a.rule), ['disk_busy', 'gpu_temperature_high', 'gpu_xid']);
});

test('the node panel lists only that host', () => {
  deepEq(panelAlerts(ALERTS, 'n1').map((a) => a.rule), ['disk_busy', 'gpu_temperature_high']);
  deepEq(panelAlerts(ALERTS, 'n9'), []);
});

test('alerts without a time go last; equal times keep a stable order', () => {
  const list = [A('b', 'firing', 'h', null, null), A('z', 'firing', 'h', 5, 5), A('a', 'firing', 'h', 5, 5)];
  deepEq(panelAlerts(list).map((a) => a.rule), ['a', 'z', 'b']);
  deepEq(panelAlerts(null), []);
});

test('severity classes, an unknown severity stays visible as unknown', () => {
  eq(severityClass('critical'), 'sev-critical');
  eq(severityClass('warning'), 'sev-warning');
  eq(severityClass('info'), 'sev-info');
  eq(severityClass('<script>'), 'sev-unknown');
  eq(severityClass(undefined), 'sev-unknown');
});

test('counts of firing and pending', () => {
  deepEq(alertCounts(panelAlerts(ALERTS)), { firing: 2, pending: 1 });
});

test('the GPU an alert names: index when known, else UUID, else none', () => {
  eq(alertGpu({ labels: { gpu: '3', gpu_uuid: 'GPU-1' } }), 'GPU 3');
  eq(alertGpu({ labels: { gpu: 0 } }), 'GPU 0');
  eq(alertGpu({ labels: { gpu_uuid: 'GPU-1' } }), 'GPU-1');
  eq(alertGpu({ labels: { host: 'n1' } }), null);
});

test('alerts and idle queries', async () => {
  eq(queryString({ host: 'n 1', state: undefined, job: null }), '?host=n+1');
  eq(queryString({}), '');
  const seen = [];
  const api = createApi(async (p) => { seen.push(p); return new Response('{}', { status: 200 }); });
  await api.alerts({ host: 'a&b' });
  await api.alerts();
  await api.idle('account');
  eq(seen.join(' '), '/api/v1/alerts?host=a%26b /api/v1/alerts /api/v1/idle?group_by=account');
});

test('the alerts panel says "alerts unavailable" when the hub answers 404, then shows live alerts as text', async () => {
  const { createAlertsPanel } = await import('/js/views/alertspanel.js');
  const { ApiError } = await import('/js/api.js');
  const ctx = { api: { alerts: async () => { throw new ApiError(404, 'no such API route: /api/v1/alerts'); } } };
  const panel = createAlertsPanel(ctx);
  try {
    await panel.load();
    eq(panel.element.dataset.state, 'unavailable');
    ok(panel.element.textContent.includes('Alerts unavailable'), panel.element.textContent);
    const evil = '<img src=x onerror="window.alertXss=1">';
    eq(panel.onLive({ type: 'delta', data: {} }), false, 'other messages are not the panel\'s');
    eq(panel.onLive({ type: 'alerts', alerts: [
      { rule: 'gpu_xid', state: 'firing', severity: 'critical', summary: 'XID 79 ' + evil, labels: { host: evil, gpu: '3', job_id: 'j/1', user: evil }, active_at_ms: 1, fired_at_ms: 2 },
      { rule: 'temp', state: 'pending', severity: 'warning', summary: 'hot', labels: { host: 'n1' }, active_at_ms: 5 },
      { rule: 'old', state: 'resolved', severity: 'warning', summary: 'gone', labels: { host: 'n1' }, active_at_ms: 0, resolved_at_ms: 9 },
    ] }), true);
    eq(panel.element.dataset.state, 'ready');
    eq(panel.element.dataset.firing, '1');
    const items = [...panel.element.querySelectorAll('li.alert')];
    deepEq(items.map((li) => li.dataset.rule), ['temp', 'gpu_xid'], 'newest first, resolved left out');
    eq(items[1].className, 'alert sev-critical state-firing');
    ok(items[1].textContent.includes('XID 79 ' + evil), items[1].textContent);
    deepEq([...items[1].querySelectorAll('a')].map((a) => a.getAttribute('href')),
      ['#/node/' + encodeURIComponent(evil), '#/node/' + encodeURIComponent(evil), '#/job/j%2F1']);
    eq(panel.element.querySelectorAll('img').length, 0);
    eq(window.alertXss, undefined);
  } finally {
    panel.dispose();
  }
});

test('the node panel lists only its host, and a failing hub is shown in the panel, not thrown', async () => {
  const { createAlertsPanel } = await import('/js/views/alertspanel.js');
  const asked = [];
  const panel = createAlertsPanel({ api: { alerts: async (q) => { asked.push(q); return { alerts: [
    { rule: 'a', state: 'firing', severity: 'warning', summary: 'mine', labels: { host: 'n1' }, fired_at_ms: 1 },
    { rule: 'b', state: 'firing', severity: 'warning', summary: 'other', labels: { host: 'n2' }, fired_at_ms: 2 },
  ] }; } } }, 'n1');
  await panel.load();
  deepEq(asked, [{ host: 'n1' }]);
  deepEq([...panel.element.querySelectorAll('li.alert')].map((li) => li.dataset.rule), ['a']);
  panel.dispose();
  const broken = createAlertsPanel({ api: { alerts: async () => { throw new Error('HTTP 500 for /api/v1/alerts'); } } });
  await broken.load();
  eq(broken.element.dataset.state, 'unavailable');
  ok(broken.element.textContent.includes('HTTP 500'), broken.element.textContent);
  broken.dispose();
});
