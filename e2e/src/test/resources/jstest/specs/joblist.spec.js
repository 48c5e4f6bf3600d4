import { test, eq, deepEq } from '../harness.js';
import { filtersFromQuery, jobsHash, pageQuery, sortJobs } from '/js/joblist.js';
import { parseRoute } from '/js/router.js';

test('jobs filters round-trip through the hash; empty and unknown keys are dropped', () => {
  const route = parseRoute('#/jobs?user=alice&since=7d&account=&bogus=1');
  eq(route.name, 'jobs');
  deepEq(filtersFromQuery(route.query), { user: 'alice', since: '7d' });
  eq(jobsHash({ user: 'a b', state: 'finished' }), '#/jobs?state=finished&user=a+b');
  eq(jobsHash({}), '#/jobs');
  deepEq(parseRoute(jobsHash({ partition: '<gpu>' })).query, { partition: '<gpu>' });
});

test('a page query carries the filters, the page size and the cursor', () => {
  deepEq(pageQuery({ user: 'alice' }, null), { user: 'alice', limit: 50 });
  deepEq(pageQuery({ user: 'alice' }, 'abc', 10), { user: 'alice', limit: 10, cursor: 'abc' });
});

test('sorting a page: numbers as numbers, text as text, missing values last either way', () => {
  const jobs = [
    { id: 'b', user: 'zoe', summary: { gpu_hours: 10 } },
    { id: 'a', user: 'al', summary: { gpu_hours: 9 } },
    { id: 'c', user: 'mo', summary: { gpu_hours: null } },
  ];
  deepEq(sortJobs(jobs, { key: 'gpu_hours', dir: 1 }).map((j) => j.id), ['a', 'b', 'c']);
  deepEq(sortJobs(jobs, { key: 'gpu_hours', dir: -1 }).map((j) => j.id), ['b', 'a', 'c']);
  deepEq(sortJobs(jobs, { key: 'user', dir: 1 }).map((j) => j.id), ['a', 'c', 'b']);
  deepEq(sortJobs(jobs, null).map((j) => j.id), ['b', 'a', 'c']);
});
