// Reconnect delays: exponential from 500 ms, capped at 10 s, with +-20 % jitter so that a room
// of browsers does not reconnect to a restarted hub in the same millisecond.

export const BACKOFF = Object.freeze({ baseMs: 500, maxMs: 10000, jitter: 0.2 });

/** Delay before reconnect attempt `attempt` (0 for the first retry); `random` returns [0, 1). */
export function backoffDelay(attempt, random = Math.random, cfg = BACKOFF) {
  const exp = Math.min(cfg.maxMs, cfg.baseMs * Math.pow(2, Math.max(0, attempt)));
  const factor = 1 - cfg.jitter + 2 * cfg.jitter * random();
  return Math.round(Math.min(cfg.maxMs, exp * factor));
}
