// Keeps each submission's stored triage state equal to the fold of its events: confirmed ones
// in server order, then this workstation's pending ones in the order they were made.
import type { TriageState } from '../../shared/domain.js';
import { foldEvents, type FoldEvent } from '../triage/fold.js';
import type { Db } from './db.js';
import { stmt } from './statements.js';

interface EventRow {
  type: string;
  payload: string;
  staff_id: string | null;
  at: string;
}

export function eventsFor(db: Db, submissionId: string): FoldEvent[] {
  const confirmed = stmt<[string], EventRow>(
    db,
    'SELECT type, payload, staff_id, created_at AS at FROM events WHERE submission_id = ? ORDER BY seq',
  ).all(submissionId);
  const pending = stmt<[string], EventRow>(
    db,
    'SELECT type, payload, staff_id, client_time AS at FROM outbox WHERE submission_id = ? ORDER BY n',
  ).all(submissionId);
  const toFold = (pendingFlag: boolean) => (r: EventRow): FoldEvent => ({
    type: r.type,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    staffId: r.staff_id,
    at: r.at,
    pending: pendingFlag,
  });
  return [...confirmed.map(toFold(false)), ...pending.map(toFold(true))];
}

/** Recomputes and stores the triage state of one submission; a no-op when it is not held here. */
export function recomputeTriage(db: Db, submissionId: string): TriageState | null {
  const exists = stmt<[string], { k: number }>(db, 'SELECT k FROM submissions WHERE id = ?').get(submissionId);
  if (!exists) return null;
  const events = eventsFor(db, submissionId);
  const state = foldEvents(events);
  const pending = events.some((e) => e.pending) ? 1 : 0;
  stmt(
    db,
    `UPDATE submissions SET status = ?, assignee = ?, tags = ?, marks = ?, notes_count = ?, replies_count = ?, triage = ?, pending = ?
     WHERE id = ?`,
  ).run(
    state.status,
    state.assignee,
    JSON.stringify(state.tags),
    JSON.stringify(state.transferMarks.map((m) => m.ministry)),
    state.notes.length,
    state.replies.length,
    events.length ? JSON.stringify(state) : null,
    pending,
    submissionId,
  );
  stmt(db, 'DELETE FROM submission_tags WHERE submission_id = ?').run(submissionId);
  for (const tag of state.tags) stmt(db, 'INSERT INTO submission_tags(submission_id, tag) VALUES (?, ?)').run(submissionId, tag);
  stmt(db, 'DELETE FROM submission_marks WHERE submission_id = ?').run(submissionId);
  for (const m of state.transferMarks) {
    stmt(db, 'INSERT INTO submission_marks(submission_id, ministry, note) VALUES (?, ?, ?)').run(submissionId, m.ministry, m.note);
  }
  return state;
}

export function hasEvents(db: Db, submissionId: string): boolean {
  return (
    stmt<[string], { x: number }>(db, 'SELECT 1 AS x FROM events WHERE submission_id = ? LIMIT 1').get(submissionId) !== undefined ||
    stmt<[string], { x: number }>(db, 'SELECT 1 AS x FROM outbox WHERE submission_id = ? LIMIT 1').get(submissionId) !== undefined
  );
}
