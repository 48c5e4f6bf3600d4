import { test, deepEq, eq } from '../harness.js';
import { jobHash, nodeHash, parseRoute } from '/js/router.js';

test('parseRoute knows the four pages', () => {
  deepEq(parseRoute(''), { name: 'cluster' });
  deepEq(parseRoute('#/'), { name: 'cluster' });
  deepEq(parseRoute('#/idle'), { name: 'idle' });
  deepEq(parseRoute('#/job/4711'), { name: 'job', param: '4711' });
  deepEq(parseRoute('#/node/gpu-node-01'), { name: 'node', param: 'gpu-node-01' });
  eq(parseRoute('#/nope').name, 'notfound');
  eq(parseRoute('#/job/%E0%A4%A').name, 'notfound');
});

test('hashes round-trip ids with reserved characters', () => {
  for (const id of ['4711_3', 'a/b', 'x y', '<img src=x>', '12#3']) {
    deepEq(parseRoute(jobHash(id)), { name: 'job', param: id });
    deepEq(parseRoute(nodeHash(id)), { name: 'node', param: id });
  }
});

test('a query after ? carries page options and survives jobHash', () => {
  deepEq(parseRoute('#/job/4711?range=24h'), { name: 'job', param: '4711', query: { range: '24h' } });
  deepEq(parseRoute(jobHash('a?b', '6h')), { name: 'job', param: 'a?b', query: { range: '6h' } });
  eq(jobHash('1', null), '#/job/1');
});
