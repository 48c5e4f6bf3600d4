// The one /live WebSocket of the page (docs/API.md "WebSocket /live"). It subscribes to the
// current view, reconnects with backoff when the hub goes away, and tells the page when the
// connection was lost and when it came back, so views can show it and fill the gap.

import { backoffDelay } from './backoff.js';

/**
 * The hub pushes the cluster view every second, so on that view this long without any message
 * means the connection is dead even if no close arrived. Node and job views only get a delta when
 * their hosts send data, so silence there means stale data, not a dead connection.
 */
export const SILENCE_MS = 5000;

/** After the hub refused a subscription (a job or node it does not know yet), try again after this. */
export const RESUBSCRIBE_MS = 2000;

export function liveUrl(location) {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live';
}

export class LiveConnection {
  /**
   * @param opts.url WebSocket URL
   * @param opts.onMessage (msg) => void for every parsed message
   * @param opts.onStatus ({state: 'connecting'|'open'|'lost', attempt, lostSinceMs, retryInMs}) => void
   * @param opts.createSocket, opts.setTimer, opts.clearTimer, opts.now, opts.random: injected for tests
   */
  constructor(opts) {
    this.url = opts.url;
    this.onMessage = opts.onMessage;
    this.onStatus = opts.onStatus || (() => {});
    this.createSocket = opts.createSocket || ((u) => new WebSocket(u));
    this.setTimer = opts.setTimer || ((f, ms) => setTimeout(f, ms));
    this.clearTimer = opts.clearTimer || ((id) => clearTimeout(id));
    this.now = opts.now || (() => Date.now());
    this.random = opts.random || Math.random;
    this.silenceMs = opts.silenceMs || SILENCE_MS;
    this.resubscribeMs = opts.resubscribeMs || RESUBSCRIBE_MS;
    this.resubscribeTimer = null;
    this.view = null;
    this.socket = null;
    this.attempt = 0;
    this.lostSinceMs = null;
    this.retryTimer = null;
    this.silenceTimer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.clearTimer(this.retryTimer);
    this.clearTimer(this.silenceTimer);
    this.clearTimer(this.resubscribeTimer);
    this.abandonSocket();
  }

  /** Subscribes to a view ('cluster', 'node:HOST', 'job:ID'); null unsubscribes locally. */
  subscribe(view) {
    this.view = view;
    this.clearTimer(this.resubscribeTimer);
    this.sendSubscribe();
    if (this.connected) this.armSilenceTimer();
  }

  get connected() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  sendSubscribe() {
    if (this.view && this.connected) this.socket.send(JSON.stringify({ type: 'subscribe', view: this.view }));
  }

  connect() {
    this.onStatus({ state: 'connecting', attempt: this.attempt, lostSinceMs: this.lostSinceMs, retryInMs: 0 });
    let socket;
    try {
      socket = this.createSocket(this.url);
    } catch (e) {
      this.lost();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      const lostSinceMs = this.lostSinceMs;
      this.attempt = 0;
      this.lostSinceMs = null;
      this.armSilenceTimer();
      this.sendSubscribe();
      this.onStatus({ state: 'open', attempt: 0, lostSinceMs, retryInMs: 0, reconnected: lostSinceMs !== null });
    };
    socket.onmessage = (ev) => {
      if (socket !== this.socket) return;
      this.armSilenceTimer();
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch (e) {
        return; // the hub only sends JSON text; anything else is not ours to show
      }
      if (msg.type === 'error' && this.view) {
        // The view stays wanted: a job or node the hub does not know yet (just restarted, agent
        // not back) becomes known once its agent reconnects.
        this.clearTimer(this.resubscribeTimer);
        this.resubscribeTimer = this.setTimer(() => this.sendSubscribe(), this.resubscribeMs);
      }
      this.onMessage(msg);
    };
    socket.onclose = () => {
      if (socket === this.socket) this.lost();
    };
    socket.onerror = () => {
      if (socket === this.socket) this.lost();
    };
  }

  armSilenceTimer() {
    this.clearTimer(this.silenceTimer);
    this.silenceTimer = this.view === 'cluster' ? this.setTimer(() => this.lost(), this.silenceMs) : null;
  }

  abandonSocket() {
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close();
      } catch (e) {
        // closing a socket that never opened can throw; it is being dropped either way
      }
    }
  }

  lost() {
    this.clearTimer(this.silenceTimer);
    this.clearTimer(this.resubscribeTimer);
    this.abandonSocket();
    if (this.stopped) return;
    if (this.lostSinceMs === null) this.lostSinceMs = this.now();
    const retryInMs = backoffDelay(this.attempt, this.random);
    this.onStatus({ state: 'lost', attempt: this.attempt, lostSinceMs: this.lostSinceMs, retryInMs });
    this.attempt++;
    this.clearTimer(this.retryTimer);
    this.retryTimer = this.setTimer(() => this.connect(), retryInMs);
  }
}
