// Keeps the report rollups (migration 4) in step with the submissions. Triggers mark the days a
// write touched; this rebuilds those days from the submissions themselves, then the months they
// fall in from the days. Called before a report is read (so a report is never stale), and in
// small slices in the background after a sync (so it is usually already done).
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { firstDayOfMonth, kRangeOfDay, lastDayOfMonth, monthOfDay } from './calendar.js';

const DIMS = 'category, theme, age_band, channel, status';
/** The five dimensions as a submission row holds them ('' for a field left out). */
const SUB_DIMS = `s.category, coalesce(s.theme, ''), coalesce(s.age_band, ''), s.channel, s.status`;

/** Days rebuilt per transaction: a few tens of milliseconds, so the main process never stalls. */
export const DAYS_PER_SLICE = 8;

export function dirtyDayCount(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM report_dirty').get()!.n;
}

function rebuildDay(db: Db, day: number): void {
  const [lo, hi] = kRangeOfDay(day);
  for (const table of ['report_days', 'report_marginals', 'report_first_reply', 'report_tag_days', 'report_group_days']) {
    stmt(db, `DELETE FROM ${table} WHERE day = ?`).run(day);
  }
  stmt(
    db,
    `INSERT INTO report_days(day, ${DIMS}, n, replied, replies)
     SELECT ?, ${SUB_DIMS}, count(*), sum(s.replies_count > 0), sum(s.replies_count)
     FROM submissions s WHERE s.k >= ? AND s.k < ? GROUP BY 2, 3, 4, 5, 6`,
  ).run(day, lo, hi);
  stmt(
    db,
    `INSERT INTO report_marginals(dim, value, day, n)
     SELECT 'category', category, day, sum(n) FROM report_days WHERE day = @day GROUP BY category
     UNION ALL SELECT 'theme', theme, day, sum(n) FROM report_days WHERE day = @day GROUP BY theme
     UNION ALL SELECT 'age_band', age_band, day, sum(n) FROM report_days WHERE day = @day GROUP BY age_band
     UNION ALL SELECT 'channel', channel, day, sum(n) FROM report_days WHERE day = @day GROUP BY channel
     UNION ALL SELECT 'status', status, day, sum(n) FROM report_days WHERE day = @day GROUP BY status`,
  ).run({ day });
  // Replies live in the triage state (the fold of the events): the earliest sentAt is the first
  // reply. A reply stamped before the opinion arrived (a clock off) counts as immediate.
  stmt(
    db,
    `INSERT INTO report_first_reply(day, ${DIMS}, minutes, n)
     SELECT ?, category, theme, age_band, channel, status, minutes, count(*) FROM (
       SELECT s.category AS category, coalesce(s.theme, '') AS theme, coalesce(s.age_band, '') AS age_band, s.channel AS channel, s.status AS status,
         max(0, CAST((
           (SELECT min(unixepoch(json_extract(r.value, '$.sentAt'), 'subsec')) FROM json_each(s.triage, '$.replies') r) * 1000 - s.k / 1024
         ) / 60000 AS INTEGER)) AS minutes
       FROM submissions s WHERE s.k >= ? AND s.k < ? AND s.replies_count > 0
     ) WHERE minutes IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7`,
  ).run(day, lo, hi);
  stmt(
    db,
    `INSERT INTO report_tag_days(day, tag, ${DIMS}, n)
     SELECT ?, j.value, ${SUB_DIMS}, count(*)
     FROM submissions s, json_each(s.tags) j
     WHERE s.k >= ? AND s.k < ? AND s.tags <> '[]' AND j.type = 'text' GROUP BY 2, 3, 4, 5, 6, 7`,
  ).run(day, lo, hi);
  stmt(
    db,
    `INSERT INTO report_group_days(day, group_id, ${DIMS}, n)
     SELECT ?, s.group_id, ${SUB_DIMS}, count(*)
     FROM submissions s WHERE s.k >= ? AND s.k < ? AND s.group_id IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7`,
  ).run(day, lo, hi);
}

function rebuildMonth(db: Db, month: number): void {
  const lo = firstDayOfMonth(month);
  const hi = lastDayOfMonth(month);
  stmt(db, 'DELETE FROM report_months WHERE month = ?').run(month);
  stmt(
    db,
    `INSERT INTO report_months(month, ${DIMS}, n, replied, replies)
     SELECT ?, ${DIMS}, sum(n), sum(replied), sum(replies) FROM report_days WHERE day BETWEEN ? AND ? GROUP BY ${DIMS}`,
  ).run(month, lo, hi);
  stmt(db, 'DELETE FROM report_tag_months WHERE month = ?').run(month);
  stmt(
    db,
    `INSERT INTO report_tag_months(month, tag, ${DIMS}, n)
     SELECT ?, tag, ${DIMS}, sum(n) FROM report_tag_days WHERE day BETWEEN ? AND ? GROUP BY tag, ${DIMS}`,
  ).run(month, lo, hi);
}

/** Rebuilds up to `limit` marked days (oldest first) and their months in one transaction; returns how many. */
export function refreshSlice(db: Db, limit = DAYS_PER_SLICE): number {
  return db.transaction(() => {
    const days = stmt<[number], { day: number }>(db, 'SELECT day FROM report_dirty ORDER BY day LIMIT ?').all(limit).map((r) => r.day);
    const months = new Set<number>();
    for (const day of days) {
      rebuildDay(db, day);
      months.add(monthOfDay(day));
      stmt(db, 'DELETE FROM report_dirty WHERE day = ?').run(day);
    }
    for (const month of months) rebuildMonth(db, month);
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

/** The same, at once (the bench and the CLI, where nothing else waits for a turn). */
export function refreshRollupsNow(db: Db): number {
  let done = 0;
  for (let n = refreshSlice(db, 64); n > 0; n = refreshSlice(db, 64)) done += n;
  return done;
}

/** A background task for the sync runner: one slice per step, 0 when nothing is left. */
export function rollupTask(db: Db): { step(): number } {
  return { step: () => refreshSlice(db) };
}
