// Every figure of a report in one pass over the days in range, from the packed daily rollups held
// in memory (day-cache.ts): a year at a million opinions is a few hundred thousand small integer
// rows, scanned in milliseconds whatever the filters. Nothing here reads a body, an email or a
// single opinion's age — only counts, per day and per combination of dimensions.
import {
  AGE_BUCKETS,
  CLOSED_STATUSES,
  REPLY_BUCKETS,
  TOP_N,
  TRANSFER_OUTCOMES,
  type BacklogRow,
  type CodeCount,
  type GroupRow,
  type ParsedReportQuery,
  type Report,
  type ReportFilter,
  type TransferRow,
} from '../../shared/contract-reports.js';
import type { Db } from '../store/db.js';
import { dateOfDay, dayOfDate, dayOfMs, periodStart, periodsOf } from './calendar.js';
import { dayCache, type DayCache } from './day-cache.js';
import { DIM_COUNT, UNKNOWN, WIDTH } from './packed.js';
import { CHANNEL_LABELS, STATUS_LABELS, loadReference, type Labelled } from './reference.js';

/** The report filter's fields in the packed dimension order. */
const FIELDS = ['category', 'theme', 'ageBand', 'channel', 'status'] as const satisfies readonly (keyof ReportFilter)[];
const STATUS_DIM = 4;

export interface ReportOptions {
  now?: Date;
}

/** Per dimension, which codes pass (null = no filter on it). */
function filterMasks(cache: DayCache, filter: ReportFilter): (Uint8Array | null)[] {
  return FIELDS.map((f) => {
    const values = filter[f];
    if (!values || values.length === 0) return null;
    const mask = new Uint8Array(cache.strings.length);
    for (const v of values) {
      const c = cache.code(v);
      if (c !== undefined) mask[c] = 1;
    }
    return mask;
  });
}

/** Builds the whole report. The rollups must be current (refreshRollups); the cache is synced here. */
export function buildReport(db: Db, query: ParsedReportQuery, opts: ReportOptions = {}): Report {
  const now = opts.now ?? new Date();
  const from = dayOfDate(query.from);
  const to = dayOfDate(query.to);
  const today = dayOfMs(now.getTime());
  const cache = dayCache(db);
  cache.sync(db);
  const masks = filterMasks(cache, query.filter);
  const filtered = masks.some((m) => m !== null);
  const S = cache.strings.length;

  const active = masks.map((m, d) => [d, m] as const).filter((x): x is readonly [number, Uint8Array] => x[1] !== null);
  const match = filtered
    ? (ints: Int32Array, at: number): boolean => {
        for (const [d, m] of active) if (m[ints[at + d]] !== 1) return false;
        return true;
      }
    : () => true;

  const periods = periodsOf(from, to, query.granularity);
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const volume = new Float64Array(periods.length);
  const byDim = Array.from({ length: DIM_COUNT }, () => new Float64Array(S));
  let replied = 0;
  let repliesSent = 0;
  const closed = new Uint8Array(S);
  for (const c of CLOSED_STATUSES) {
    const code = cache.code(c);
    if (code !== undefined) closed[code] = 1;
  }
  const backlog = new Map<number, number[]>();
  // First-reply times to the minute: an array for the first week, a map beyond.
  const minutes = new Float64Array(FIRST_REPLY_DENSE_MINUTES);
  const lateMinutes = new Map<number, number>();
  const tags = new Float64Array(S);
  const groups = new Map<number, { count: number; first: number; last: number; combos: Map<number, number> }>();
  const transfers = new Map<number, { ministry: number; status: number; items: number }>();

  for (let day = from; day <= to; day++) {
    const block = cache.days.get(day);
    if (!block) continue;
    const { ints, sections } = block;
    const p = periodIndex.get(periodStart(day, query.granularity))!;
    const age = Math.max(0, today - day);
    const bucket = AGE_BUCKETS.findIndex((b) => age >= b.minDays && age <= b.maxDays);

    let { start, count } = sections.cube;
    for (let i = 0, at = start; i < count; i++, at += WIDTH.cube) {
      if (!match(ints, at)) continue;
      const n = ints[at + 5];
      for (let d = 0; d < DIM_COUNT; d++) byDim[d][ints[at + d]] += n;
      volume[p] += n;
      replied += ints[at + 6];
      repliesSent += ints[at + 7];
      const status = ints[at + STATUS_DIM];
      if (!closed[status]) {
        let row = backlog.get(status);
        if (!row) backlog.set(status, (row = AGE_BUCKETS.map(() => 0)));
        row[bucket] += n;
      }
    }
    ({ start, count } = sections.replies);
    for (let i = 0, at = start; i < count; i++, at += WIDTH.replies) {
      if (!match(ints, at)) continue;
      const m = ints[at + 5];
      if (m < FIRST_REPLY_DENSE_MINUTES) minutes[m] += ints[at + 6];
      else lateMinutes.set(m, (lateMinutes.get(m) ?? 0) + ints[at + 6]);
    }
    ({ start, count } = sections.tags);
    for (let i = 0, at = start; i < count; i++, at += WIDTH.tags) {
      if (match(ints, at)) tags[ints[at + 5]] += ints[at + 6];
    }
    ({ start, count } = sections.groups);
    for (let i = 0, at = start; i < count; i++, at += WIDTH.groups) {
      if (!match(ints, at)) continue;
      const id = ints[at + 5];
      const n = ints[at + 6];
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { count: 0, first: day, last: day, combos: new Map() }));
      g.count += n;
      g.first = Math.min(g.first, day);
      g.last = Math.max(g.last, day);
      const key = ints[at] * S + ints[at + 1];
      g.combos.set(key, (g.combos.get(key) ?? 0) + n);
    }
    ({ start, count } = sections.transfers);
    for (let i = 0, at = start; i < count; i++, at += WIDTH.transfers) {
      // An item not held here has no dimensions: it counts only when nothing is filtered.
      if (ints[at] === UNKNOWN ? filtered : !match(ints, at)) continue;
      const id = ints[at + 5];
      const t = transfers.get(id) ?? { ministry: ints[at + 6], status: ints[at + 7], items: 0 };
      t.items += ints[at + 8];
      transfers.set(id, t);
    }
  }

  const str = (c: number) => cache.strings[c];
  const tally = (d: number): Map<string, number> => {
    const m = new Map<string, number>();
    byDim[d].forEach((n, c) => {
      if (n > 0) m.set(str(c), n);
    });
    return m;
  };
  const ref = loadReference(db);
  const backlogOut = backlogOf(backlog, str);
  return {
    query,
    generatedAt: now.toISOString(),
    asOf: dateOfDay(today),
    totals: { received: volume.reduce((a, b) => a + b, 0), open: backlogOut.total, replied, repliesSent },
    volume: periods.map((p, i) => ({ period: dateOfDay(p), count: volume[i] })),
    byCategory: ordered(tally(0), ref.categories, 'count'),
    byTheme: ordered(tally(1), ref.themes, 'count'),
    byAgeBand: ordered(tally(2), ref.ageBands, 'list'),
    byChannel: ordered(tally(3), CHANNEL_LABELS, 'list'),
    byStatus: ordered(tally(4), STATUS_LABELS, 'list'),
    backlog: backlogOut,
    replies: { replied, repliesSent, ...firstReplyOf(histogram(minutes, lateMinutes)) },
    transfers: transfersOf(transfers, str),
    tags: [...tags]
      .map((count, c) => ({ tag: str(c), count }))
      .filter((t) => t.count > 0)
      .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
      .slice(0, TOP_N),
    groups: groupsOf(groups, cache),
  };
}

/**
 * Every code of the list (zero when none in range), then codes the list does not know, then
 * "not given". 'count' sorts the known codes by count (largest first); 'list' keeps the
 * list's own order (age bands, statuses).
 */
function ordered(counts: Map<string, number>, list: readonly Labelled[], order: 'count' | 'list'): CodeCount[] {
  const known = list.map((x) => ({ code: x.code, count: counts.get(x.code) ?? 0 }));
  if (order === 'count') known.sort((a, b) => b.count - a.count);
  const listed = new Set(list.map((x) => x.code));
  const unknown = [...counts]
    .filter(([c]) => c !== '' && !listed.has(c))
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const notGiven = counts.has('') ? [{ code: '', count: counts.get('')! }] : [];
  return [...known, ...unknown, ...notGiven];
}

function backlogOf(byStatus: Map<number, number[]>, str: (c: number) => string): Report['backlog'] {
  const named = new Map([...byStatus].map(([c, counts]) => [str(c), counts]));
  const order = STATUS_LABELS.map((s) => s.code).filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));
  const statuses = [...order, ...[...named.keys()].filter((s) => !order.includes(s)).sort()];
  const rows: BacklogRow[] = statuses.map((status) => {
    const counts = named.get(status) ?? AGE_BUCKETS.map(() => 0);
    return { status, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  const totals = AGE_BUCKETS.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0));
  return { rows, totals, total: totals.reduce((a, b) => a + b, 0) };
}

const FIRST_REPLY_DENSE_MINUTES = 7 * 24 * 60;

/** The dense array and the sparse tail as one sorted (minutes → count) list. */
function histogram(dense: Float64Array, late: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (let m = 0; m < dense.length; m++) if (dense[m] > 0) out.set(m, dense[m]);
  for (const [m, n] of [...late].sort((a, b) => a[0] - b[0])) out.set(m, n);
  return out;
}

/**
 * Nearest rank: the median is the smallest time at or below which at least half of the first
 * replies fall (cumulative ≥ ⌈N/2⌉), the 90th percentile likewise (≥ ⌈0.9·N⌉).
 */
export function firstReplyOf(minutes: Map<number, number>): Pick<Report['replies'], 'medianMinutes' | 'p90Minutes' | 'buckets'> {
  const sorted = [...minutes].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  const rank = (p: number) => Math.max(1, Math.ceil((p * total) / 100));
  const at = (r: number): number | null => {
    let cum = 0;
    for (const [m, n] of sorted) if ((cum += n) >= r) return m;
    return null;
  };
  const buckets = REPLY_BUCKETS.map(() => 0);
  for (const [m, n] of sorted) buckets[REPLY_BUCKETS.findIndex((b) => m < b.maxMinutes)] += n;
  return { medianMinutes: total ? at(rank(50)) : null, p90Minutes: total ? at(rank(90)) : null, buckets };
}

function transfersOf(transfers: Map<number, { ministry: number; status: number; items: number }>, str: (c: number) => string): Report['transfers'] {
  const byMinistry = new Map<string, TransferRow>();
  for (const t of transfers.values()) {
    const ministry = str(t.ministry);
    const row = byMinistry.get(ministry) ?? { ministry, items: TRANSFER_OUTCOMES.map(() => 0), transfers: 0 };
    const known = (TRANSFER_OUTCOMES as readonly string[]).indexOf(str(t.status));
    row.items[known >= 0 ? known : TRANSFER_OUTCOMES.indexOf('other')] += t.items;
    row.transfers += 1;
    byMinistry.set(ministry, row);
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const rows = [...byMinistry.values()].sort((a, b) => sum(b.items) - sum(a.items) || (a.ministry < b.ministry ? -1 : 1));
  return { rows, totals: TRANSFER_OUTCOMES.map((_, i) => rows.reduce((s, r) => s + r.items[i], 0)), transfers: rows.reduce((s, r) => s + r.transfers, 0) };
}

function groupsOf(groups: Map<number, { count: number; first: number; last: number; combos: Map<number, number> }>, cache: DayCache): Report['groups'] {
  const S = cache.strings.length;
  const all: GroupRow[] = [...groups].map(([id, g]) => {
    // The category and theme most of its members in range carry.
    let best = 0;
    let bestN = -1;
    for (const [key, n] of g.combos) if (n > bestN || (n === bestN && key < best)) [best, bestN] = [key, n];
    const category = cache.strings[Math.floor(best / S)];
    const theme = cache.strings[best % S];
    return { groupId: cache.strings[id], count: g.count, firstDay: dateOfDay(g.first), lastDay: dateOfDay(g.last), category, theme };
  });
  all.sort((a, b) => b.count - a.count || (a.groupId < b.groupId ? -1 : 1));
  return { rows: all.slice(0, TOP_N), groupCount: all.length, memberCount: all.reduce((s, g) => s + g.count, 0) };
}
