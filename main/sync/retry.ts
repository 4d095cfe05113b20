// Retry timing, pure: what to do after a response or a failure, and how long to wait.
// The contract: 429/503 wait Retry-After; other 5xx, timeouts and dropped connections back off
// exponentially with full jitter, capped at 30 s; at least 5 tries; other 4xx are not retried.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
/** A Retry-After beyond this is treated as this: a sync that waits an hour helps nobody. */
export const RETRY_AFTER_CAP_MS = 120_000;
export const DEFAULT_MAX_TRIES = 6;

/** Full jitter: a uniform wait in [0, min(cap, base·2^attempt)). `attempt` counts from 0. */
export function backoffDelay(attempt: number, random: () => number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number, cap = RETRY_AFTER_CAP_MS): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(cap, Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(cap, Math.max(0, at - now));
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'wait'; ms: number; reason: string }
  | { kind: 'fail'; reason: string };

/** What to do after try number `attempt` (from 0) got `status` (or a network failure, status null). */
export function decide(
  status: number | null,
  retryAfter: string | null | undefined,
  attempt: number,
  maxTries: number,
  random: () => number,
  now: number,
): Outcome {
  const retryable = status === null || status >= 500 || status === 429;
  if (!retryable) return { kind: 'done' };
  const reason = status === null ? 'network error' : `HTTP ${status}`;
  if (attempt + 1 >= maxTries) return { kind: 'fail', reason: `${reason} after ${maxTries} tries` };
  if (status === 429 || status === 503) {
    const ms = parseRetryAfter(retryAfter, now);
    if (ms !== null) return { kind: 'wait', ms, reason };
  }
  return { kind: 'wait', ms: backoffDelay(attempt, random), reason };
}
