import { test, eq, deepEq } from '../harness.js';
import { LiveConnection, liveUrl } from '/js/live.js';

/** A hand-driven WebSocket and timer queue, so reconnects are tested without waiting. */
function fixture() {
  const sockets = [];
  const timers = new Map();
  let nextTimer = 1;
  let now = 1000;
  const statuses = [];
  const messages = [];
  const conn = new LiveConnection({
    url: 'ws://hub/live',
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    createSocket: (url) => {
      const s = { url, readyState: 0, sent: [], closed: false, send(d) { this.sent.push(JSON.parse(d)); }, close() { this.closed = true; } };
      sockets.push(s);
      return s;
    },
    setTimer: (f, ms) => { const id = nextTimer++; timers.set(id, { f, ms }); return id; },
    clearTimer: (id) => timers.delete(id),
    now: () => now,
    random: () => 0.5,
    silenceMs: 5000,
  });
  const open = (s) => { s.readyState = 1; s.onopen(); };
  const fire = (ms) => {
    for (const [id, t] of [...timers]) if (t.ms === ms) { timers.delete(id); t.f(); return true; }
    return false;
  };
  return { conn, sockets, timers, statuses, messages, open, fire, advance: (ms) => { now += ms; } };
}

test('subscribes on open and re-subscribes after a view change', () => {
  const f = fixture();
  f.conn.subscribe('cluster');
  f.conn.start();
  f.open(f.sockets[0]);
  f.conn.subscribe('job:4711');
  deepEq(f.sockets[0].sent, [{ type: 'subscribe', view: 'cluster' }, { type: 'subscribe', view: 'job:4711' }]);
  f.sockets[0].onmessage({ data: '{"type":"delta","view":"job:4711"}' });
  f.sockets[0].onmessage({ data: 'not json' });
  eq(f.messages.length, 1);
});

test('a dropped connection is reported, retried with backoff, and the reconnect says since when', () => {
  const f = fixture();
  f.conn.subscribe('job:1');
  f.conn.start();
  f.open(f.sockets[0]);
  f.advance(2000);
  f.sockets[0].onclose();
  const lost = f.statuses.filter((s) => s.state === 'lost');
  deepEq(lost.map((s) => [s.attempt, s.lostSinceMs, s.retryInMs]), [[0, 3000, 500]]);
  eq(f.fire(500), true, 'first retry after 500 ms');
  eq(f.sockets.length, 2);
  f.sockets[1].onerror();
  eq(f.statuses.at(-1).retryInMs, 1000, 'second retry waits longer');
  f.fire(1000);
  f.open(f.sockets[2]);
  const last = f.statuses.at(-1);
  deepEq([last.state, last.reconnected, last.lostSinceMs], ['open', true, 3000]);
  deepEq(f.sockets[2].sent, [{ type: 'subscribe', view: 'job:1' }]);
});

test('silence on the cluster view (pushed every second) counts as a lost connection', () => {
  const f = fixture();
  f.conn.subscribe('cluster');
  f.conn.start();
  f.open(f.sockets[0]);
  eq(f.fire(5000), true);
  eq(f.sockets[0].closed, true);
  eq(f.statuses.at(-1).state, 'lost');
  f.sockets[0].onclose && f.sockets[0].onclose();
  eq(f.statuses.filter((s) => s.state === 'lost').length, 1, 'an abandoned socket reports nothing more');
});

test('silence on a job view is stale data, not a lost connection', () => {
  const f = fixture();
  f.conn.subscribe('job:1');
  f.conn.start();
  f.open(f.sockets[0]);
  eq(f.fire(5000), false, 'no watchdog armed');
  eq(f.statuses.at(-1).state, 'open');
});

test('a refused subscription is retried until the hub knows the view', () => {
  const f = fixture();
  f.conn.subscribe('node:n1');
  f.conn.start();
  f.open(f.sockets[0]);
  f.sockets[0].onmessage({ data: '{"type":"error","error":"unknown node: n1"}' });
  eq(f.messages.length, 1, 'the error is passed on');
  eq(f.fire(2000), true);
  deepEq(f.sockets[0].sent.map((m) => m.view), ['node:n1', 'node:n1']);
});

test('stop() ends retries', () => {
  const f = fixture();
  f.conn.start();
  f.conn.stop();
  eq(f.timers.size, 0);
  eq(f.sockets[0].closed, true);
});

test('liveUrl follows the page scheme', () => {
  eq(liveUrl({ protocol: 'http:', host: 'hub:8080' }), 'ws://hub:8080/live');
  eq(liveUrl({ protocol: 'https:', host: 'hub' }), 'wss://hub/live');
});
