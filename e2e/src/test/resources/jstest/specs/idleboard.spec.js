import { test, eq, deepEq } from '../harness.js';
import { boardTotals, groupByFromQuery, groupLabel, groupsFromCluster, idleHash, sortGroups } from '/js/idleboard.js';
import { parseRoute } from '/js/router.js';

test('group-by from the URL: a known attribute, else account', () => {
  eq(groupByFromQuery(parseRoute('#/idle?by=partition').query), 'partition');
  eq(groupByFromQuery(parseRoute('#/idle?by=user').query), 'user');
  eq(groupByFromQuery(parseRoute('#/idle?by=%3Cx%3E').query), 'account');
  eq(groupByFromQuery(parseRoute('#/idle').query), 'account');
  eq(idleHash('namespace'), '#/idle?by=namespace');
  eq(idleHash('account'), '#/idle');
  eq(parseRoute(idleHash('reservation')).name, 'idle');
});

test('the empty key is shown as (none); others as they are', () => {
  eq(groupLabel(''), '(none)');
  eq(groupLabel(null), '(none)');
  eq(groupLabel('<b>cs101</b>'), '<b>cs101</b>');
});

test('groups sorted by waste, then label; GPUs by waste, then host and index', () => {
  const sorted = sortGroups([
    { key: 'b', idle_gpus: 1, wasted_gpu_minutes: 5, gpus: [{ host: 'n1', gpu_index: 0, wasted_gpu_minutes: 5 }] },
    { key: '', idle_gpus: 2, wasted_gpu_minutes: 40, gpus: [
      { host: 'n10', gpu_index: 1, wasted_gpu_minutes: 20 },
      { host: 'n2', gpu_index: 3, wasted_gpu_minutes: 20 },
      { host: 'n2', gpu_index: 1, wasted_gpu_minutes: 20 },
      { host: 'n1', gpu_index: 0, wasted_gpu_minutes: null },
    ] },
    { key: 'a', idle_gpus: 1, wasted_gpu_minutes: 5, gpus: [] },
  ]);
  deepEq(sorted.map((g) => g.key), ['', 'a', 'b']);
  deepEq(sorted[0].gpus.map((g) => g.host + ':' + g.gpu_index), ['n2:1', 'n2:3', 'n10:1', 'n1:0']);
});

test('totals missing from an answer are computed from its GPUs', () => {
  const [g] = sortGroups([{ key: 'x', gpus: [{ wasted_gpu_minutes: 1.5 }, { wasted_gpu_minutes: 2 }] }]);
  eq(g.idle_gpus, 2);
  eq(g.wasted_gpu_minutes, 3.5);
  deepEq(boardTotals([g, { idle_gpus: 1, wasted_gpu_minutes: 10 }]), { idleGpus: 3, wastedGpuMinutes: 13.5 });
});

const NOW = 10 * 3600000;
const CLUSTER = { nodes: [
  { host: 'n1', gpus: [
    { index: 0, uuid: 'U0', state: 'idle', idle_since_ms: NOW - 600000, memory_used_bytes: 0, job: { id: 'a', user: 'alice', name: 'x' } },
    { index: 1, uuid: 'U1', state: 'busy', job: { id: 'a', user: 'alice', name: 'x' } },
    { index: 2, uuid: 'U2', state: 'idle', idle_since_ms: NOW - 3600000, memory_held_idle: true, memory_used_bytes: 2e9, job: { id: 'b', user: 'bob', name: 'y' } },
    { index: 3, uuid: 'U3', state: 'free', job: null },
  ] },
  { host: 'n2', gpus: [
    { index: 0, uuid: 'U4', state: 'idle', idle_since_ms: NOW - 1800000, job: { id: 'c', user: 'carol', name: 'z' } },
    { index: 1, uuid: 'U5', state: 'stale', job: { id: 'a', user: 'alice', name: 'x' } },
  ] },
] };
const JOBS = [
  { id: 'a', attributes: { account: 'cs101', partition: 'gpu' } },
  { id: 'b', attributes: { account: 'cs101' } },
  { id: 'c', attributes: {} },
];

test('without /api/v1/idle: idle GPUs of the cluster grouped by the job attribute, waste of the current stretch', () => {
  const groups = groupsFromCluster(CLUSTER, JOBS, 'account', NOW);
  deepEq(groups.map((g) => [g.key, g.idle_gpus, g.wasted_gpu_minutes]), [['cs101', 2, 70], ['', 1, 30]]);
  deepEq(groups[0].gpus.map((g) => [g.host, g.gpu_index, g.job_id, g.wasted_gpu_minutes]), [['n1', 2, 'b', 60], ['n1', 0, 'a', 10]]);
  eq(groups[0].gpus[0].reason, 'memory held at 0 % utilisation');
  eq(groups[0].gpus[0].memory_used_bytes, 2e9);
  eq(groups[0].gpus[0].idle_since_ms, NOW - 3600000);
});

test('without /api/v1/idle: by partition and by user', () => {
  deepEq(groupsFromCluster(CLUSTER, JOBS, 'partition', NOW).map((g) => [g.key, g.idle_gpus]), [['', 2], ['gpu', 1]]);
  deepEq(groupsFromCluster(CLUSTER, JOBS, 'user', NOW).map((g) => g.key), ['bob', 'carol', 'alice']);
  deepEq(groupsFromCluster({ nodes: [] }, [], 'account', NOW), []);
});
