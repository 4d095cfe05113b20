import { describe, expect, it } from 'vitest';
import { MIN_RENEW_DELAY_MS, renewalDelay } from './claim-renewal.js';

describe('renewalDelay', () => {
  const now = Date.parse('2026-11-29T10:00:00+09:00');
  it('claims again two minutes before a 15-minute claim ends', () => {
    expect(renewalDelay('2026-11-29T10:15:00+09:00', now)).toBe(13 * 60_000);
  });
  it('reads the office time with its offset', () => {
    expect(renewalDelay('2026-11-29T01:15:00Z', now)).toBe(13 * 60_000);
  });
  it('waits at least 30 s when the claim ends soon or has already ended', () => {
    expect(renewalDelay('2026-11-29T10:02:10+09:00', now)).toBe(MIN_RENEW_DELAY_MS);
    expect(renewalDelay('2026-11-29T09:50:00+09:00', now)).toBe(MIN_RENEW_DELAY_MS);
  });
  it('does nothing with an end it cannot read', () => {
    expect(renewalDelay('soon', now)).toBeNull();
  });
});
