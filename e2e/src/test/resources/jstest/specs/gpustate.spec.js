import { test, eq, deepEq } from '../harness.js';
import { busyBand, categoryOf, cellLabel, cellStyle, countCategories } from '/js/gpustate.js';

test('categoryOf: stale wins, memory held at 0 % beats idle, then the hub state', () => {
  eq(categoryOf({ state: 'stale', memory_held_idle: true }), 'stale');
  eq(categoryOf({ state: 'idle', memory_held_idle: true }), 'held');
  eq(categoryOf({ state: 'free', memory_held_idle: true }), 'held');
  eq(categoryOf({ state: 'idle', memory_held_idle: false }), 'idle');
  eq(categoryOf({ state: 'free' }), 'free');
  eq(categoryOf({ state: 'busy', memory_held_idle: false }), 'busy');
});

test('busy bands follow gpudash: (0,25], (25,50], (50,75], (75,100]', () => {
  deepEq([0.1, 0.25, 0.26, 0.5, 0.51, 0.75, 0.76, 1].map(busyBand), [0, 0, 1, 1, 2, 2, 3, 3]);
  eq(busyBand(null), 0);
});

test('cells carry their state as text, not only colour', () => {
  eq(cellLabel('busy', 0.973), '97%');
  eq(cellLabel('busy', null), '?');
  eq(cellLabel('idle'), 'IDLE');
  eq(cellLabel('held'), 'MEM');
  eq(cellLabel('free'), 'free');
  eq(cellLabel('stale'), 'stale');
  eq(cellStyle('busy', 0.9).lightText, true);
  eq(cellStyle('busy', 0.1).lightText, false);
});

test('countCategories counts every GPU once and unhealthy on top', () => {
  const c = countCategories({ nodes: [
    { gpus: [{ state: 'busy', unhealthy: true }, { state: 'idle' }, { state: 'idle', memory_held_idle: true }] },
    { gpus: [{ state: 'free' }, { state: 'stale' }] },
  ] });
  deepEq(c, { busy: 1, idle: 1, held: 1, free: 1, stale: 1, unhealthy: 1, total: 5 });
});
