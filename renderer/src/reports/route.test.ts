import { describe, expect, it } from 'vitest';
import { defaultRoute, hashToRoute, isReportsHash, presetRange, routeToHash } from './route.js';
import { formatDuration, periodLabel } from './format.js';

const NOW = new Date('2026-11-28T20:00:00Z'); // 29 November, 05:00 in Tokyo

describe('the reports route', () => {
  it('defaults to the last 30 days in Tokyo', () => {
    expect(defaultRoute(NOW)).toEqual({ from: '2026-10-31', to: '2026-11-29', granularity: 'day', filter: {} });
  });

  it('round-trips through the hash', () => {
    const r = { from: '2026-04-01', to: '2026-11-29', granularity: 'month' as const, filter: { category: ['complaint'], theme: ['', 'tax'], channel: ['email' as const] } };
    const hash = routeToHash(r);
    expect(isReportsHash(hash)).toBe(true);
    expect(hashToRoute(hash, NOW)).toEqual(r);
  });

  it('drops what does not fit, part by part', () => {
    expect(hashToRoute('#/reports?from=2026-02-30&to=2026-03-01&g=year&channel=fax&category=opinion', NOW)).toEqual({
      from: '2026-10-31',
      to: '2026-11-29',
      granularity: 'day',
      filter: { category: ['opinion'] },
    });
    expect(hashToRoute('#/reports?from=2026-11-20&to=2026-11-01', NOW)).toMatchObject({ from: '2026-10-31', to: '2026-11-29' });
    expect(isReportsHash('#/reportsX')).toBe(false);
  });

  it('knows the fiscal year starts in April', () => {
    expect(presetRange('fiscalYear', NOW)).toEqual({ from: '2026-04-01', to: '2026-11-29', granularity: 'month' });
    expect(presetRange('fiscalYear', new Date('2027-02-10T00:00:00Z'))).toMatchObject({ from: '2026-04-01' });
    expect(presetRange('last12m', NOW)).toEqual({ from: '2025-11-30', to: '2026-11-29', granularity: 'month' });
  });
});

describe('report formats', () => {
  it('label periods and durations in both languages', () => {
    expect(periodLabel('2026-11-24', 'week', 'ja')).toBe('11/24〜');
    expect(periodLabel('2026-11-01', 'month', 'en')).toBe('Nov 2026');
    expect(periodLabel('2026-11-28', 'day', 'en')).toBe('28 Nov');
    expect(formatDuration(45, 'ja')).toBe('45分');
    expect(formatDuration(600, 'ja')).toBe('10時間');
    expect(formatDuration(4 * 1440 + 720, 'en')).toBe('4.5 days');
    expect(formatDuration(null, 'en')).toBe('—');
  });
});
