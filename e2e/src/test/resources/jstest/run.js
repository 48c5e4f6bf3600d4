// Loads every spec, then runs them. A spec that fails to load (syntax or import error) is itself
// reported as a failing test, so a broken module can never pass silently.
import { runAll, test } from './harness.js';

const SPECS = [
  'format', 'escape', 'router', 'gpustate', 'iostat', 'hwcodes', 'ranges', 'timeseries',
  'aggregate', 'idleboard', 'alerts', 'chartmarks', 'backoff', 'live', 'gridlayout', 'tooltips', 'api', 'latest', 'panelset', 'joblist', 'login', 'compactseries', 'loginform',
];

for (const name of SPECS) {
  try {
    await import('./specs/' + name + '.spec.js');
  } catch (e) {
    test('load ' + name + '.spec.js', () => { throw e; });
  }
}
await runAll();
