// Removing a submission removes everything held for it: the row, its triage state, its events,
// notes and replies, pending actions, its search index entry and its place in a campaign group. secure_delete overwrites them.
import type { Db } from './db.js';
import { stmt } from './statements.js';
import { unindexRow } from './search-index.js';
import { forgetSimilar } from '../similar/queue.js';

export function purgeSubmission(db: Db, id: string): boolean {
  const row = stmt<[string], { k: number; subject: string | null; body: string }>(
    db,
    'SELECT k, subject, body FROM submissions WHERE id = ?',
  ).get(id);
  if (row) {
    unindexRow(db, row.k, row.subject, row.body);
    // Leaves its campaign group (which shrinks or dissolves) while the row is still there.
    forgetSimilar(db, row.k);
  }
  stmt(db, 'DELETE FROM submission_tags WHERE submission_id = ?').run(id);
  stmt(db, 'DELETE FROM submission_marks WHERE submission_id = ?').run(id);
  stmt(db, 'DELETE FROM events WHERE submission_id = ?').run(id);
  stmt(db, 'DELETE FROM outbox WHERE submission_id = ?').run(id);
  stmt(db, 'DELETE FROM notices WHERE submission_id = ?').run(id);
  if (row) stmt(db, 'DELETE FROM submissions WHERE k = ?').run(row.k);
  return row !== undefined;
}

export function recordTombstone(db: Db, id: string, seq: number, reason: string): void {
  stmt(db, `INSERT INTO tombstones(id, seq, reason, deleted_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, reason = excluded.reason, deleted_at = excluded.deleted_at`).run(id, seq, reason, Date.now());
}

export function tombstoneSeq(db: Db, id: string): number | null {
  return stmt<[string], { seq: number }>(db, 'SELECT seq FROM tombstones WHERE id = ?').get(id)?.seq ?? null;
}
