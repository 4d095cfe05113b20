// Keeps the report rollups in step with the store. Triggers (migrations 4 and 5) mark the Tokyo
// days a write touched; this rebuilds each marked day from the submissions and transfers
// themselves — `report_days` (the rollup by day × dimensions, for SQL readers) and
// `report_packed` (the day's every figure in one blob, for the report code) — and bumps the
// day's version so every reader reloads it. Called before a report is read, so a report is never
// stale, and in small slices in the background after a sync, so it is usually already done.
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { kRangeOfDay } from './calendar.js';
import { encodeDay, type DayFacts } from './packed.js';

/** Days rebuilt per transaction: tens of milliseconds, so the main process never stalls. */
export const DAYS_PER_SLICE = 8;

const DIMS = 'category, theme, age_band, channel, status';
/** A submission's five dimensions ('' for a field the citizen left out). */
const S_DIMS = `s.category, coalesce(s.theme, ''), coalesce(s.age_band, ''), s.channel, s.status`;

export function dirtyDayCount(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM report_dirty').get()!.n;
}

type Raw = (string | number | null)[];
const rawAll = (db: Db, sql: string, ...params: unknown[]): Raw[] => stmt(db, sql).raw(true).all(...params) as Raw[];
const dimsOf = (r: Raw): string[] => r.slice(0, 5) as string[];

/** Everything a report needs about one day, read from the source tables. */
export function dayFacts(db: Db, day: number): DayFacts {
  const [lo, hi] = kRangeOfDay(day);
  const cube = rawAll(
    db,
    `SELECT ${S_DIMS}, count(*), sum(s.replies_count > 0), sum(s.replies_count)
     FROM submissions s WHERE s.k >= ? AND s.k < ? GROUP BY 1, 2, 3, 4, 5`,
    lo,
    hi,
  ).map((r) => ({ dims: dimsOf(r), n: r[5] as number, replied: r[6] as number, replies: r[7] as number }));
  // Replies live in the triage state (the fold of the events): the earliest sentAt is the first
  // reply. One stamped before the opinion arrived (a clock off) counts as immediate.
  const replies = rawAll(
    db,
    `SELECT c1, c2, c3, c4, c5, minutes, count(*) FROM (
       SELECT s.category AS c1, coalesce(s.theme, '') AS c2, coalesce(s.age_band, '') AS c3, s.channel AS c4, s.status AS c5,
         max(0, CAST((
           (SELECT min(unixepoch(json_extract(r.value, '$.sentAt'), 'subsec')) FROM json_each(s.triage, '$.replies') r) * 1000 - s.k / 1024
         ) / 60000 AS INTEGER)) AS minutes
       FROM submissions s WHERE s.k >= ? AND s.k < ? AND s.replies_count > 0
     ) WHERE minutes IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
    lo,
    hi,
  ).map((r) => ({ dims: dimsOf(r), minutes: r[5] as number, n: r[6] as number }));
  const tags = rawAll(
    db,
    `SELECT ${S_DIMS}, j.value, count(*) FROM submissions s, json_each(s.tags) j
     WHERE s.k >= ? AND s.k < ? AND s.tags <> '[]' AND j.type = 'text' GROUP BY 1, 2, 3, 4, 5, 6`,
    lo,
    hi,
  ).map((r) => ({ dims: dimsOf(r), tag: r[5] as string, n: r[6] as number }));
  const groups = rawAll(
    db,
    `SELECT ${S_DIMS}, s.group_id, count(*) FROM submissions s
     WHERE s.k >= ? AND s.k < ? AND s.group_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
    lo,
    hi,
  ).map((r) => ({ dims: dimsOf(r), group: r[5] as string, n: r[6] as number }));
  // Transfers made that day (the index on the expression finds them); an item this workstation
  // does not hold (purged, never synced) keeps its place with unknown dimensions.
  const transfers = rawAll(
    db,
    `SELECT s.category, coalesce(s.theme, ''), coalesce(s.age_band, ''), s.channel, s.status, s.k IS NULL, t.id, t.ministry, t.status, count(*)
     FROM transfers t, json_each(t.submission_ids) j LEFT JOIN submissions s ON s.id = j.value
     WHERE (unixepoch(t.created_at) + 32400) / 86400 = ?
     GROUP BY t.id, 1, 2, 3, 4, 5, 6`,
    day,
  ).map((r) => ({ dims: r[5] ? null : dimsOf(r), transfer: r[6] as string, ministry: r[7] as string, status: r[8] as string, items: r[9] as number }));
  return { cube, replies, tags, groups, transfers };
}

function rebuildDay(db: Db, day: number): void {
  const facts = dayFacts(db, day);
  stmt(db, 'DELETE FROM report_days WHERE day = ?').run(day);
  const insert = stmt(db, `INSERT INTO report_days(day, ${DIMS}, n, replied, replies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const c of facts.cube) insert.run(day, ...c.dims, c.n, c.replied, c.replies);
  stmt(
    db,
    `INSERT INTO report_packed(day, v, data) VALUES (?, (SELECT coalesce(max(v), 0) + 1 FROM report_packed), ?)
     ON CONFLICT(day) DO UPDATE SET v = excluded.v, data = excluded.data`,
  ).run(day, encodeDay(facts));
}

/** Rebuilds up to `limit` marked days (oldest first) in one transaction; returns how many. */
export function refreshSlice(db: Db, limit = DAYS_PER_SLICE): number {
  return db.transaction(() => {
    const days = stmt<[number], { day: number }>(db, 'SELECT day FROM report_dirty ORDER BY day LIMIT ?').all(limit).map((r) => r.day);
    for (const day of days) {
      rebuildDay(db, day);
      stmt(db, 'DELETE FROM report_dirty WHERE day = ?').run(day);
    }
    return days.length;
  }).immediate();
}

export interface RefreshOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** Brings every rollup up to date; yields between slices so a cancel (or anything else) gets a turn. */
export async function refreshRollups(db: Db, opts: RefreshOptions = {}): Promise<number> {
  const total = dirtyDayCount(db);
  let done = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    const n = refreshSlice(db, 4 * DAYS_PER_SLICE);
    if (n === 0) break;
    done += n;
    opts.onProgress?.(Math.min(done, total), Math.max(total, done));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

/** The same, at once (the bench, tests and the CLI, where nothing else waits for a turn). */
export function refreshRollupsNow(db: Db): number {
  let done = 0;
  for (let n = refreshSlice(db, 64); n > 0; n = refreshSlice(db, 64)) done += n;
  return done;
}
