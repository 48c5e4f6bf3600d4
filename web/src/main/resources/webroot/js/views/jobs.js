// Jobs page (#/jobs?user=alice&since=7d): running and finished jobs from GET /api/v1/jobs, newest
// start first, with the API's filters as inputs, columns that sort the page shown, and next/previous
// pages through the API's cursors. Every value from users goes in as text.

import { el, clear } from '../dom.js';
import { dateTime, fixed, minutes, percent } from '../format.js';
import { FILTERS, filtersFromQuery, jobsHash, pageQuery, sortJobs } from '../joblist.js';
import { jobHash } from '../router.js';

const LABELS = { state: 'State', user: 'User', account: 'Account', partition: 'Partition', since: 'Since', until: 'Until' };
const HINTS = { state: 'running or finished', since: '7d, 12h, 2025-11-25 or ms', until: 'same forms as since' };
const COLUMNS = [
  ['id', 'Job'], ['user', 'User'], ['account', 'Account'], ['state', 'State'], ['start', 'Started'],
  ['end', 'Ended'], ['gpus', 'GPUs'], ['gpu_hours', 'GPU-hours'], ['util', 'Mean util'], ['idle', 'Idle'],
];

function cells(j) {
  const s = j.summary || {};
  return [
    el('a', { href: jobHash(j.id), text: j.id }),
    j.user || '\u2013',
    (j.attributes || {}).account || '\u2013',
    j.state,
    dateTime(j.start_ms),
    j.end_ms ? dateTime(j.end_ms) : '\u2013',
    String((j.gpus || []).length),
    fixed(s.gpu_hours, 2),
    percent(s.mean_gpu_utilization),
    minutes(s.idle_gpu_minutes),
  ];
}

export function createJobsView(ctx, query) {
  const filters = filtersFromQuery(query);
  // Cursors of the pages before the one shown; the first page has none.
  const before = [];
  let cursor = null;
  let next = null;
  let jobs = [];
  let sort = null;
  const els = {};

  function renderRows() {
    clear(els.body);
    for (const j of sortJobs(jobs, sort)) {
      els.body.append(el('tr', { data: { job: j.id } }, cells(j).map((c) => (c instanceof Node ? el('td', {}, [c]) : el('td', { text: c })))));
    }
    for (const th of els.head.querySelectorAll('th')) {
      th.classList.toggle('sorted', sort !== null && th.dataset.key === sort.key);
      th.dataset.dir = sort && th.dataset.key === sort.key ? (sort.dir > 0 ? 'asc' : 'desc') : '';
    }
    els.count.textContent = jobs.length ? 'Page ' + (before.length + 1) + ': ' + jobs.length + ' job' + (jobs.length === 1 ? '' : 's')
      : 'No job matches.';
    els.prev.disabled = before.length === 0;
    els.next.disabled = !next;
  }

  async function load(c) {
    const page = await ctx.api.jobsPage(pageQuery(filters, c));
    cursor = c;
    jobs = page.jobs || [];
    next = page.next_cursor || null;
    renderRows();
  }

  function filterForm() {
    const inputs = {};
    const form = el('form', { cls: 'job-filters', data: { testid: 'job-filters' } });
    for (const k of FILTERS) {
      const input = el('input', { type: 'text', data: { filter: k } });
      input.name = k;
      input.value = filters[k] || '';
      input.placeholder = HINTS[k] || '';
      inputs[k] = input;
      form.append(el('label', {}, [el('span', { text: LABELS[k] }), input]));
    }
    form.append(el('button', { type: 'submit', text: 'Apply' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const wanted = {};
      for (const k of FILTERS) wanted[k] = inputs[k].value;
      ctx.navigate(jobsHash(filtersFromQuery(wanted)));
    });
    return form;
  }

  return {
    liveView: null,
    title: 'Jobs',
    async mount(root) {
      els.head = el('tr', {}, COLUMNS.map(([key, label]) => el('th', { text: label, cls: 'sortable', data: { key } })));
      for (const th of els.head.children) {
        th.addEventListener('click', () => {
          const key = th.dataset.key;
          sort = sort && sort.key === key ? { key, dir: -sort.dir } : { key, dir: 1 };
          renderRows();
        });
      }
      els.body = el('tbody', { data: { testid: 'jobs-rows' } });
      els.count = el('p', { cls: 'lead', data: { testid: 'jobs-count' } });
      els.prev = el('button', { type: 'button', text: '\u2190 Previous', data: { testid: 'jobs-prev' } });
      els.next = el('button', { type: 'button', text: 'Next \u2192', data: { testid: 'jobs-next' } });
      els.prev.addEventListener('click', () => {
        if (!before.length) return;
        const c = before.pop();
        load(c).then(ctx.clearReport, ctx.report);
      });
      els.next.addEventListener('click', () => {
        if (!next) return;
        before.push(cursor);
        load(next).then(ctx.clearReport, ctx.report);
      });
      root.append(el('h1', { text: 'Jobs' }), filterForm(), els.count,
        el('div', { cls: 'table-wrap' }, [el('table', { cls: 'grid jobs-table' }, [el('thead', {}, [els.head]), els.body])]),
        el('nav', { cls: 'pager' }, [els.prev, els.next]));
      await load(null);
    },
    dispose() {},
  };
}
