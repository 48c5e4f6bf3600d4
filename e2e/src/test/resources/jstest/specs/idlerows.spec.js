import { test, eq, deepEq } from '../harness.js';
import { idleGpuRows, idleJobRows } from '/js/idlerows.js';

const NOW = 10 * 3600000;
const CLUSTER = { nodes: [
  { host: 'n1', gpus: [
    { index: 0, state: 'idle', idle_since_ms: NOW - 600000, job: { id: 'a', user: 'alice', name: 'x' } },
    { index: 1, state: 'busy', job: { id: 'a', user: 'alice', name: 'x' } },
    { index: 2, state: 'idle', idle_since_ms: NOW - 3600000, memory_held_idle: true, job: { id: 'b', user: 'bob', name: 'y' } },
    { index: 3, state: 'free', job: null },
  ] },
  { host: 'n2', gpus: [
    { index: 0, state: 'idle', idle_since_ms: NOW - 1800000, job: { id: 'a', user: 'alice', name: 'x' } },
    { index: 1, state: 'stale', job: { id: 'a', user: 'alice', name: 'x' } },
  ] },
] };

test('every allocated idle GPU, longest idle first', () => {
  const rows = idleGpuRows(CLUSTER, NOW);
  deepEq(rows.map((r) => r.host + ':' + r.index), ['n1:2', 'n2:0', 'n1:0']);
  eq(rows[0].wastedGpuMinutes, 60);
  eq(rows[0].memoryHeld, true);
  eq(rows[2].idleMs, 600000);
});

test('per job: idle GPUs now and their wasted GPU-minutes summed, worst job first', () => {
  const jobs = [{ id: 'a', gpus: [{}, {}, {}, {}], summary: { idle_gpu_minutes: 95.5 } }, { id: 'b', gpus: [{}], summary: {} }];
  const rows = idleJobRows(idleGpuRows(CLUSTER, NOW), jobs);
  deepEq(rows.map((r) => [r.id, r.idleGpus, r.wastedGpuMinutes, r.totalGpus, r.lifetimeIdleGpuMinutes]),
    [['b', 1, 60, 1, null], ['a', 2, 40, 4, 95.5]]);
});
