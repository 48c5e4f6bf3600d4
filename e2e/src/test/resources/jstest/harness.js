// A minimal test harness for the dashboard's ES modules, run in a real browser by
// io.clusterwatch.e2e.browser.DashboardUnitTest. Specs register tests with test(name, fn).

const tests = [];

export function test(name, fn) {
  tests.push({ name, fn });
}

function show(v) {
  try {
    return JSON.stringify(v);
  } catch (e) {
    return String(v);
  }
}

export function eq(actual, expected, what = '') {
  if (!Object.is(actual, expected)) throw new Error((what ? what + ': ' : '') + 'expected ' + show(expected) + ' but got ' + show(actual));
}

export function deepEq(actual, expected, what = '') {
  if (show(actual) !== show(expected)) throw new Error((what ? what + ': ' : '') + 'expected ' + show(expected) + ' but got ' + show(actual));
}

export function near(actual, expected, tolerance, what = '') {
  if (!(Math.abs(actual - expected) <= tolerance)) throw new Error((what ? what + ': ' : '') + 'expected ' + expected + ' +- ' + tolerance + ' but got ' + actual);
}

export function ok(cond, what) {
  if (!cond) throw new Error('expected true: ' + what);
}

export function throws(fn, pattern, what = '') {
  try {
    fn();
  } catch (e) {
    if (pattern && !pattern.test(e.message)) throw new Error(what + ': error "' + e.message + '" does not match ' + pattern);
    return;
  }
  throw new Error('expected an error: ' + what);
}

/** Runs every registered test; results land in window.jsTestResults for the Java side. */
export async function runAll() {
  const results = [];
  for (const t of tests) {
    try {
      await t.fn();
      results.push({ name: t.name, ok: true });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: String(e && e.stack ? e.stack : e) });
    }
  }
  document.getElementById('results').textContent = results.map((r) => (r.ok ? 'ok   ' : 'FAIL ') + r.name + (r.ok ? '' : '\n     ' + r.error)).join('\n');
  window.jsTestResults = results;
}
