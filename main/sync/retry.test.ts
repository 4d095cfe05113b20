import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS, decide, parseRetryAfter, RETRY_AFTER_CAP_MS } from './retry.js';

describe('retry timing', () => {
  it('full jitter stays within [0, min(cap, base·2^n))', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(20, () => 0.999999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date, capped', () => {
    const now = Date.parse('2026-11-28T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('429/503 wait Retry-After; 5xx and network errors back off; other 4xx are not retried', () => {
    const r = () => 0.5;
    expect(decide(429, '2', 0, 6, r, 0)).toEqual({ kind: 'wait', ms: 2000, reason: 'HTTP 429' });
    expect(decide(503, '1', 0, 6, r, 0)).toEqual({ kind: 'wait', ms: 1000, reason: 'HTTP 503' });
    expect(decide(500, undefined, 1, 6, r, 0)).toEqual({ kind: 'wait', ms: 500, reason: 'HTTP 500' });
    expect(decide(null, undefined, 0, 6, r, 0).kind).toBe('wait');
    expect(decide(400, undefined, 0, 6, r, 0)).toEqual({ kind: 'done' });
    expect(decide(404, undefined, 0, 6, r, 0)).toEqual({ kind: 'done' });
    expect(decide(200, undefined, 0, 6, r, 0)).toEqual({ kind: 'done' });
  });

  it('gives up after the last try, and never before five', () => {
    const r = () => 0.5;
    for (let attempt = 0; attempt < 4; attempt++) expect(decide(503, '1', attempt, 5, r, 0).kind).toBe('wait');
    expect(decide(503, '1', 4, 5, r, 0).kind).toBe('fail');
  });
});
