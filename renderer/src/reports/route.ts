// The reports screen's place in the URL hash (`#/reports?from=…&to=…&g=week&category=…`), so a
// report can be reopened exactly and survives a reload. What comes from the URL is untrusted:
// each part is checked against the contract's own schema and dropped alone when wrong.
import { useCallback, useEffect, useState } from 'react';
import { GRANULARITIES, reportFilter, reportQuery, type Granularity, type ReportFilter } from '../../../shared/contract-reports.js';

export const REPORTS_HASH = '#/reports';

export interface ReportsRoute {
  from: string;
  to: string;
  granularity: Granularity;
  filter: ReportFilter;
}

const LISTS: [keyof ReportFilter, string][] = [
  ['category', 'category'],
  ['theme', 'theme'],
  ['ageBand', 'age'],
  ['channel', 'channel'],
  ['status', 'status'],
];

export function isReportsHash(hash: string): boolean {
  return hash === REPORTS_HASH || hash.startsWith(`${REPORTS_HASH}?`);
}

/** YYYY-MM-DD in Asia/Tokyo. */
export function tokyoDay(d: Date): string {
  return new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last 30 days, today included. */
export function defaultRoute(now: Date): ReportsRoute {
  const today = tokyoDay(now);
  return { from: addDays(today, -29), to: today, granularity: 'day', filter: {} };
}

/** The periods a supervisor asks for most. The fiscal year starts on 1 April. */
export function presetRange(preset: 'last30' | 'last90' | 'last12m' | 'fiscalYear' | 'thisMonth', now: Date): { from: string; to: string; granularity: Granularity } {
  const today = tokyoDay(now);
  const [y, m] = today.split('-').map(Number);
  switch (preset) {
    case 'last30':
      return { from: addDays(today, -29), to: today, granularity: 'day' };
    case 'last90':
      return { from: addDays(today, -89), to: today, granularity: 'week' };
    case 'last12m':
      return { from: addDays(today, -364), to: today, granularity: 'month' };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today, granularity: 'day' };
    case 'fiscalYear': {
      const start = m >= 4 ? y : y - 1;
      return { from: `${start}-04-01`, to: today, granularity: 'month' };
    }
  }
}

export function routeToHash(r: ReportsRoute): string {
  const p = new URLSearchParams();
  p.set('from', r.from);
  p.set('to', r.to);
  if (r.granularity !== 'day') p.set('g', r.granularity);
  for (const [field, param] of LISTS) for (const v of r.filter[field] ?? []) p.append(param, v);
  return `${REPORTS_HASH}?${p.toString()}`;
}

export function hashToRoute(hash: string, now: Date): ReportsRoute {
  const fallback = defaultRoute(now);
  const q = hash.indexOf('?');
  const p = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
  const from = p.get('from') ?? fallback.from;
  const to = p.get('to') ?? fallback.to;
  const g = p.get('g');
  const granularity = (GRANULARITIES as readonly string[]).includes(g ?? '') ? (g as Granularity) : 'day';
  const range = reportQuery.safeParse({ from, to, granularity }).success ? { from, to } : { from: fallback.from, to: fallback.to };
  const filter: Record<string, string[]> = {};
  for (const [field, param] of LISTS) {
    const values = [...new Set(p.getAll(param))];
    if (values.length && reportFilter.safeParse({ [field]: values }).success) filter[field] = values;
  }
  return { ...range, granularity, filter: filter as ReportFilter };
}

export function useOnReportsScreen(): boolean {
  const [on, setOn] = useState(() => isReportsHash(window.location.hash));
  useEffect(() => {
    const update = () => setOn(isReportsHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return on;
}

/** The route, kept in the hash; a change is a new history entry, so Back returns to the previous report. */
export function useReportsRoute(): [ReportsRoute, (next: ReportsRoute) => void] {
  const [route, setState] = useState(() => hashToRoute(window.location.hash, new Date()));
  useEffect(() => {
    const onHash = () => {
      if (isReportsHash(window.location.hash)) setState(hashToRoute(window.location.hash, new Date()));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const set = useCallback((next: ReportsRoute) => {
    const hash = routeToHash(next);
    if (hash !== window.location.hash) window.history.pushState(null, '', hash);
    setState(next);
  }, []);
  return [route, set];
}
