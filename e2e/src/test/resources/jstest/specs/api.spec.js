import { test, eq } from '../harness.js';
import { ApiError, createApi, seriesPath } from '/js/api.js';

test('seriesPath encodes job, metric, label matchers, range and max_points', () => {
  eq(seriesPath({ job: '47 11', metric: 'cpu_seconds_total', labels: { mode: 'idle' }, from: 1.5, to: 2.5, maxPoints: 600 }),
    '/api/v1/series?job=47+11&metric=cpu_seconds_total&label.mode=idle&from=1&to=3&max_points=600');
  eq(seriesPath({ host: 'n&1', metric: 'm' }), '/api/v1/series?host=n%261&metric=m');
});

test('the hub error message is what the page reports', async () => {
  const api = createApi(async () => new Response('{"error":"unknown job: 9"}', { status: 404 }));
  try {
    await api.job('9');
    throw new Error('no error');
  } catch (e) {
    eq(e instanceof ApiError, true);
    eq(e.status, 404);
    eq(e.message, 'unknown job: 9');
  }
});

test('paths encode ids', async () => {
  const seen = [];
  const api = createApi(async (p) => { seen.push(p); return new Response('{}', { status: 200 }); });
  await api.job('a/b');
  await api.node('<x>');
  await api.jobs('running');
  eq(seen.join(' '), '/api/v1/jobs/a%2Fb /api/v1/nodes/%3Cx%3E /api/v1/jobs?state=running&limit=1000');
});
