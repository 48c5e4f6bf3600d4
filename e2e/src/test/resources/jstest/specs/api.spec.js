import { test, eq, deepEq, ok } from '../harness.js';
import { ApiError, createApi, seriesBatchPath, seriesPath } from '/js/api.js';

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

test('series asks for the compact form without bands and answers in the JSON form\'s shape', async () => {
  const seen = [];
  const body = { metric: 'm', format: 'compact', step_ms: 1000, series: [{ host: 'h', labels: {}, step_ms: 1000, start_ms: 3000, count: 1, values: 'AACAPw==' }] };
  const api = createApi(async (p) => { seen.push(p); return new Response(JSON.stringify(body), { status: 200 }); });
  const answer = await api.series({ host: 'h', metric: 'm' });
  eq(seen[0], '/api/v1/series?host=h&metric=m&format=compact&bands=false');
  deepEq(answer.series[0].timestamps, [3000]);
  deepEq(answer.series[0].values, [1]);
});

test('seriesBatchPath sends each query\'s own query string as one q, when_empty as indices', () => {
  eq(seriesBatchPath([{ job: '7', metric: 'a', labels: { mode: 'idle' } }, { job: '7', metric: 'b', whenEmpty: [0] }]),
    '/api/v1/series/batch?q=job%3D7%26metric%3Da%26label.mode%3Didle&q=job%3D7%26metric%3Db%26when_empty%3D0');
});

test('seriesBatch answers each query: a decoded body, null when skipped, an ApiError of its own', async () => {
  const seen = [];
  const body = {
    answers: [
      { metric: 'm', format: 'compact', step_ms: 1000, series: [{ host: 'h', labels: {}, step_ms: 1000, start_ms: 3000, count: 1, values: 'AACAPw==' }] },
      { skipped: true },
      { error: 'unknown host: x', status: 404 },
    ],
  };
  const api = createApi(async (p) => { seen.push(p); return new Response(JSON.stringify(body), { status: 200 }); });
  const answers = await api.seriesBatch([{ host: 'h', metric: 'm' }, { host: 'h', metric: 'n', whenEmpty: [0] }, { host: 'x', metric: 'm' }]);
  ok(seen[0].startsWith('/api/v1/series/batch?q=host%3Dh%26metric%3Dm%26format%3Dcompact%26bands%3Dfalse&'), seen[0]);
  deepEq(answers[0].series[0].values, [1]);
  eq(answers[1], null);
  eq(answers[2] instanceof ApiError, true);
  eq(answers[2].status, 404);
  eq(answers[2].message, 'unknown host: x');
});
