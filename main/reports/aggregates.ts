// Every figure of a report, read from the rollups (migration 4, kept by rollup.ts): whole months
// from the monthly tables and the ragged days at either end from the daily ones, so a year costs
// about the same as a month. Nothing here reads a body, an email or a single opinion's age.
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
import { stmt } from '../store/statements.js';
import { dateOfDay, dayOfDate, dayOfMs, firstDayOfMonth, periodStart, periodsOf, splitRange } from './calendar.js';
import { CHANNEL_LABELS, STATUS_LABELS, loadReference, type Labelled } from './reference.js';

/** A report filter's fields as rollup columns. */
const COLUMNS = { category: 'category', theme: 'theme', ageBand: 'age_band', channel: 'channel', status: 'status' } as const;
type Field = keyof typeof COLUMNS;
const FIELDS = Object.keys(COLUMNS) as Field[];

/** The filter as SQL over bound JSON lists: one statement serves every combination of filters. */
function filterSql(col: (c: string) => string = (c) => c): string {
  return FIELDS.map((f) => `(@${f} IS NULL OR ${col(COLUMNS[f])} IN (SELECT value FROM json_each(@${f})))`).join(' AND ');
}
const FILTER = filterSql();
/** The same over submissions, where a field left out is NULL rather than ''. */
const SUB_FILTER = filterSql((c) => (c === 'theme' || c === 'age_band' ? `coalesce(s.${c}, '')` : `s.${c}`));

function filterParams(filter: ReportFilter): Record<Field, string | null> {
  const out = {} as Record<Field, string | null>;
  for (const f of FIELDS) {
    const v = filter[f];
    out[f] = v && v.length > 0 ? JSON.stringify(v) : null;
  }
  return out;
}

/** The range as bound parameters: a month span and up to two day spans (an empty span is 1..0). */
function rangeParams(from: number, to: number) {
  const { months, days } = splitRange(from, to);
  const [d1, d2] = [days[0] ?? [1, 0], days[1] ?? [1, 0]];
  return { mlo: months?.[0] ?? 1, mhi: months?.[1] ?? 0, d1lo: d1[0], d1hi: d1[1], d2lo: d2[0], d2hi: d2[1] };
}
const DAY_SPANS = '((day BETWEEN @d1lo AND @d1hi) OR (day BETWEEN @d2lo AND @d2hi))';

interface ComboRow {
  category: string;
  theme: string;
  age_band: string;
  channel: string;
  status: string;
  n: number;
  replied: number;
  replies: number;
}

export interface ReportOptions {
  now?: Date;
}

/** Builds the whole report. The rollups must be current (refreshRollups) — this only reads. */
export function buildReport(db: Db, query: ParsedReportQuery, opts: ReportOptions = {}): Report {
  const now = opts.now ?? new Date();
  const from = dayOfDate(query.from);
  const to = dayOfDate(query.to);
  const today = dayOfMs(now.getTime());
  const fp = filterParams(query.filter);
  const rp = rangeParams(from, to);
  const ref = loadReference(db);

  // 1. Every combination of the five dimensions in the range: the breakdowns and the totals.
  const combos = stmt<[Record<string, unknown>], ComboRow>(
    db,
    `SELECT category, theme, age_band, channel, status, sum(n) AS n, sum(replied) AS replied, sum(replies) AS replies FROM (
       SELECT category, theme, age_band, channel, status, n, replied, replies FROM report_months WHERE month BETWEEN @mlo AND @mhi AND ${FILTER}
       UNION ALL
       SELECT category, theme, age_band, channel, status, n, replied, replies FROM report_days WHERE ${DAY_SPANS} AND ${FILTER}
     ) GROUP BY category, theme, age_band, channel, status`,
  ).all({ ...fp, ...rp });

  const tally = (key: keyof ComboRow) => {
    const m = new Map<string, number>();
    for (const c of combos) m.set(c[key] as string, (m.get(c[key] as string) ?? 0) + c.n);
    return m;
  };
  const received = combos.reduce((s, c) => s + c.n, 0);
  const replied = combos.reduce((s, c) => s + c.replied, 0);
  const repliesSent = combos.reduce((s, c) => s + c.replies, 0);

  const backlog = backlogOf(db, fp, from, to, today);
  const firstReply = firstReplyOf(db, fp, from, to);

  return {
    query,
    generatedAt: now.toISOString(),
    asOf: dateOfDay(today),
    totals: { received, open: backlog.total, replied, repliesSent },
    volume: volumeOf(db, query, fp, rp, from, to),
    byCategory: ordered(tally('category'), ref.categories, 'count'),
    byTheme: ordered(tally('theme'), ref.themes, 'count'),
    byAgeBand: ordered(tally('age_band'), ref.ageBands, 'list'),
    byChannel: ordered(tally('channel'), CHANNEL_LABELS, 'list'),
    byStatus: ordered(tally('status'), STATUS_LABELS, 'list'),
    backlog,
    replies: { replied, repliesSent, ...firstReply },
    transfers: transfersOf(db, fp, from, to),
    tags: tagsOf(db, fp, rp),
    groups: groupsOf(db, fp, from, to),
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

function volumeOf(db: Db, query: ParsedReportQuery, fp: Record<Field, string | null>, rp: ReturnType<typeof rangeParams>, from: number, to: number) {
  const g = query.granularity;
  const byPeriod = new Map<number, number>(periodsOf(from, to, g).map((p) => [p, 0]));
  const add = (day: number, n: number) => {
    const p = periodStart(day, g);
    byPeriod.set(p, (byPeriod.get(p) ?? 0) + n);
  };
  if (g === 'month') {
    const rows = stmt<[Record<string, unknown>], { month: number; day: number | null; n: number }>(
      db,
      `SELECT month, NULL AS day, sum(n) AS n FROM report_months WHERE month BETWEEN @mlo AND @mhi AND ${FILTER} GROUP BY month
       UNION ALL
       SELECT NULL, day, sum(n) FROM report_days WHERE ${DAY_SPANS} AND ${FILTER} GROUP BY day`,
    ).all({ ...fp, ...rp });
    for (const r of rows) add(r.day ?? firstDayOfMonth(r.month), r.n);
  } else {
    for (const r of dailyCounts(db, fp, from, to)) add(r.day, r.n);
  }
  return [...byPeriod].map(([p, count]) => ({ period: dateOfDay(p), count }));
}

/**
 * Opinions per day. With no filter, or filters on a single dimension, the per-dimension table
 * answers with a few rows a day; filters on several dimensions need the full daily rollup.
 */
function dailyCounts(db: Db, fp: Record<Field, string | null>, from: number, to: number): { day: number; n: number }[] {
  const set = FIELDS.filter((f) => fp[f] !== null);
  if (set.length <= 1) {
    const field: Field = set[0] ?? 'channel';
    return stmt<[Record<string, unknown>], { day: number; n: number }>(
      db,
      `SELECT day, sum(n) AS n FROM report_marginals
       WHERE dim = @dim AND day BETWEEN @from AND @to AND (@values IS NULL OR value IN (SELECT value FROM json_each(@values)))
       GROUP BY day`,
    ).all({ dim: COLUMNS[field], values: fp[field], from, to });
  }
  return stmt<[Record<string, unknown>], { day: number; n: number }>(
    db,
    `SELECT day, sum(n) AS n FROM report_days WHERE day BETWEEN @from AND @to AND ${FILTER} GROUP BY day`,
  ).all({ ...fp, from, to });
}

function backlogOf(db: Db, fp: Record<Field, string | null>, from: number, to: number, today: number): Report['backlog'] {
  // The WHERE repeats the partial index's condition word for word, so the index serves it.
  const rows = stmt<[Record<string, unknown>], { day: number; status: string; n: number }>(
    db,
    `SELECT day, status, sum(n) AS n FROM report_days
     WHERE status NOT IN ('done', 'spam') AND day BETWEEN @from AND @to AND ${FILTER}
     GROUP BY day, status`,
  ).all({ ...fp, from, to });
  const byStatus = new Map<string, number[]>();
  for (const r of rows) {
    const age = Math.max(0, today - r.day);
    const bucket = AGE_BUCKETS.findIndex((b) => age >= b.minDays && age <= b.maxDays);
    const counts = byStatus.get(r.status) ?? AGE_BUCKETS.map(() => 0);
    counts[bucket] += r.n;
    byStatus.set(r.status, counts);
  }
  const order = STATUS_LABELS.map((s) => s.code).filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));
  const statuses = [...order, ...[...byStatus.keys()].filter((s) => !order.includes(s)).sort()];
  const out: BacklogRow[] = statuses.map((status) => {
    const counts = byStatus.get(status) ?? AGE_BUCKETS.map(() => 0);
    return { status, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  const totals = AGE_BUCKETS.map((_, i) => out.reduce((s, r) => s + r.counts[i], 0));
  return { rows: out, totals, total: totals.reduce((a, b) => a + b, 0) };
}

function firstReplyOf(db: Db, fp: Record<Field, string | null>, from: number, to: number) {
  const bucketSql = REPLY_BUCKETS.map((b, i) => {
    const lo = i === 0 ? null : REPLY_BUCKETS[i - 1].maxMinutes;
    const cond = [lo === null ? null : `minutes >= ${lo}`, Number.isFinite(b.maxMinutes) ? `minutes < ${b.maxMinutes}` : null].filter(Boolean).join(' AND ');
    return `coalesce(sum(CASE WHEN ${cond} THEN c END), 0) AS b${i}`;
  }).join(', ');
  // Nearest rank: the median is the smallest time at or below which at least half of the
  // replies fall (cum ≥ ⌈N/2⌉ ⇔ 2·cum ≥ N), the 90th percentile likewise (10·cum ≥ 9·N).
  const row = stmt<[Record<string, unknown>], Record<string, number | null>>(
    db,
    `WITH h AS MATERIALIZED (
       SELECT minutes, sum(n) AS c FROM report_first_reply WHERE day BETWEEN @from AND @to AND ${FILTER} GROUP BY minutes
     ),
     r AS MATERIALIZED (SELECT minutes, sum(c) OVER (ORDER BY minutes ROWS UNBOUNDED PRECEDING) AS cum FROM h),
     t AS (SELECT coalesce(sum(c), 0) AS total, ${bucketSql} FROM h)
     SELECT t.*,
       (SELECT min(minutes) FROM r WHERE 2 * cum >= t.total) AS median,
       (SELECT min(minutes) FROM r WHERE 10 * cum >= 9 * t.total) AS p90
     FROM t`,
  ).get({ ...fp, from, to })!;
  const total = row.total ?? 0;
  return {
    medianMinutes: total > 0 ? (row.median as number) : null,
    p90Minutes: total > 0 ? (row.p90 as number) : null,
    buckets: REPLY_BUCKETS.map((_, i) => (row[`b${i}`] as number) ?? 0),
  };
}

function transfersOf(db: Db, fp: Record<Field, string | null>, from: number, to: number): Report['transfers'] {
  const filtered = FIELDS.some((f) => fp[f] !== null);
  const dayOfTransfer = `(unixepoch(t.created_at) + 32400) / 86400`;
  // Without filters every item counts, held here or not (a purged opinion was still
  // transferred); with filters only the items whose opinion is held and matches.
  const rows = filtered
    ? stmt<[Record<string, unknown>], { ministry: string; status: string; transfers: number; items: number }>(
        db,
        `SELECT t.ministry, t.status, count(DISTINCT t.id) AS transfers, count(*) AS items
         FROM transfers t, json_each(t.submission_ids) j JOIN submissions s ON s.id = j.value
         WHERE ${dayOfTransfer} BETWEEN @from AND @to AND ${SUB_FILTER}
         GROUP BY t.ministry, t.status`,
      ).all({ ...fp, from, to })
    : stmt<[Record<string, unknown>], { ministry: string; status: string; transfers: number; items: number }>(
        db,
        `SELECT t.ministry, t.status, count(*) AS transfers, sum(json_array_length(t.submission_ids)) AS items
         FROM transfers t WHERE ${dayOfTransfer} BETWEEN @from AND @to GROUP BY t.ministry, t.status`,
      ).all({ from, to });
  const byMinistry = new Map<string, TransferRow>();
  for (const r of rows) {
    const row = byMinistry.get(r.ministry) ?? { ministry: r.ministry, items: TRANSFER_OUTCOMES.map(() => 0), transfers: 0 };
    const known = (TRANSFER_OUTCOMES as readonly string[]).indexOf(r.status);
    row.items[known >= 0 ? known : TRANSFER_OUTCOMES.indexOf('other')] += r.items;
    row.transfers += r.transfers;
    byMinistry.set(r.ministry, row);
  }
  const out = [...byMinistry.values()].sort((a, b) => sum(b.items) - sum(a.items) || (a.ministry < b.ministry ? -1 : 1));
  return { rows: out, totals: TRANSFER_OUTCOMES.map((_, i) => out.reduce((s, r) => s + r.items[i], 0)), transfers: out.reduce((s, r) => s + r.transfers, 0) };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function tagsOf(db: Db, fp: Record<Field, string | null>, rp: ReturnType<typeof rangeParams>) {
  return stmt<[Record<string, unknown>], { tag: string; count: number }>(
    db,
    `SELECT tag, sum(n) AS count FROM (
       SELECT tag, n FROM report_tag_months WHERE month BETWEEN @mlo AND @mhi AND ${FILTER}
       UNION ALL
       SELECT tag, n FROM report_tag_days WHERE ${DAY_SPANS} AND ${FILTER}
     ) GROUP BY tag ORDER BY count DESC, tag LIMIT @top`,
  ).all({ ...fp, ...rp, top: TOP_N });
}

function groupsOf(db: Db, fp: Record<Field, string | null>, from: number, to: number): Report['groups'] {
  const rows = stmt<[Record<string, unknown>], { group_id: string; category: string; theme: string; n: number; first: number; last: number }>(
    db,
    `SELECT group_id, category, theme, sum(n) AS n, min(day) AS first, max(day) AS last FROM report_group_days
     WHERE day BETWEEN @from AND @to AND ${FILTER} GROUP BY group_id, category, theme`,
  ).all({ ...fp, from, to });
  const groups = new Map<string, { count: number; first: number; last: number; top: { n: number; category: string; theme: string } }>();
  for (const r of rows) {
    const g = groups.get(r.group_id);
    if (!g) {
      groups.set(r.group_id, { count: r.n, first: r.first, last: r.last, top: r });
      continue;
    }
    g.count += r.n;
    g.first = Math.min(g.first, r.first);
    g.last = Math.max(g.last, r.last);
    if (r.n > g.top.n) g.top = r;
  }
  const all: GroupRow[] = [...groups].map(([groupId, g]) => ({
    groupId,
    count: g.count,
    firstDay: dateOfDay(g.first),
    lastDay: dateOfDay(g.last),
    category: g.top.category,
    theme: g.top.theme,
  }));
  all.sort((a, b) => b.count - a.count || (a.groupId < b.groupId ? -1 : 1));
  return { rows: all.slice(0, TOP_N), groupCount: all.length, memberCount: sum(all.map((g) => g.count)) };
}
