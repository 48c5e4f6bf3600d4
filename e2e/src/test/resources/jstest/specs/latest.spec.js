import { test, eq, near } from '../harness.js';
import { LatestValues, cpuFigures, labelsKey } from '/js/latest.js';

test('latest keeps the newest value per series and finds by label subset', () => {
  const l = new LatestValues();
  l.set('gpu_utilization_ratio', { gpu: '0', gpu_uuid: 'U0' }, 0.5, 2000);
  l.set('gpu_utilization_ratio', { gpu_uuid: 'U0', gpu: '0' }, 0.1, 1000);
  l.set('gpu_utilization_ratio', { gpu: '1', gpu_uuid: 'U1' }, 0.7, 2000);
  eq(l.find('gpu_utilization_ratio', { gpu: '0' }), 0.5, 'older value ignored');
  eq(l.find('gpu_utilization_ratio', { gpu: '2' }), null);
  eq(labelsKey({ b: '1', a: '2' }), 'a=2,b=1');
  eq(l.keys(['gpu_utilization_ratio'], ['gpu']).join(' '), '0 1');
});

test('cpuFigures: busy = 1 - mean idle; modes averaged over CPUs', () => {
  const l = new LatestValues();
  for (const [cpu, idle, user, iowait] of [['0', 0.5, 0.4, 0.1], ['1', 0.9, 0.1, 0]]) {
    l.set('cpu_seconds_total', { cpu, mode: 'idle' }, idle, 1);
    l.set('cpu_seconds_total', { cpu, mode: 'user' }, user, 1);
    l.set('cpu_seconds_total', { cpu, mode: 'iowait' }, iowait, 1);
  }
  const c = cpuFigures(l);
  eq(c.cpus, 2);
  near(c.busy, 0.3, 1e-12);
  near(c.user, 0.25, 1e-12);
  near(c.iowait, 0.05, 1e-12);
  eq(c.system, null);
});
