// A staff action becomes a pending event in the outbox, written in the same transaction as its
// optimistic effect on the shown state. The event id, made here once, is the Idempotency-Key
// used on every push attempt, across restarts.
import { randomUUID } from 'node:crypto';
import type { TriageAction, TriageState } from '../../shared/domain.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { recomputeTriage } from '../store/triage-state.js';
import { emptyTriage } from './fold.js';

export interface PendingEvent {
  id: string;
  submissionId: string;
  type: string;
  payload: Record<string, unknown>;
}

/** The wire type and payload of an action. */
export function toEvent(action: TriageAction): { type: string; payload: Record<string, unknown> } {
  switch (action.type) {
    case 'status_set':
      return { type: action.type, payload: { status: action.status } };
    case 'tag_added':
    case 'tag_removed':
      return { type: action.type, payload: { tag: action.tag } };
    case 'assigned':
      return { type: action.type, payload: { staff_id: action.staffId } };
    case 'note_added':
      return { type: action.type, payload: { text: action.text } };
    case 'transfer_marked':
      return { type: action.type, payload: { ministry: action.ministry, note: action.note ?? '' } };
    case 'transfer_unmarked':
      return { type: action.type, payload: { ministry: action.ministry, note: '' } };
  }
}

/** True when the action would not change the state (so bulk actions post no noise). */
export function isNoOp(state: TriageState, action: TriageAction): boolean {
  switch (action.type) {
    case 'status_set':
      return state.status === action.status;
    case 'tag_added':
      return state.tags.includes(action.tag);
    case 'tag_removed':
      return !state.tags.includes(action.tag);
    case 'assigned':
      return state.assignee === action.staffId;
    case 'transfer_marked':
      return state.transferMarks.some((m) => m.ministry === action.ministry && (m.note ?? '') === (action.note ?? ''));
    case 'transfer_unmarked':
      return !state.transferMarks.some((m) => m.ministry === action.ministry);
    case 'note_added':
      return false;
  }
}

export function currentTriage(db: Db, submissionId: string): TriageState | null {
  const row = stmt<[string], { triage: string | null }>(db, 'SELECT triage FROM submissions WHERE id = ?').get(submissionId);
  if (!row) return null;
  return row.triage ? (JSON.parse(row.triage) as TriageState) : emptyTriage();
}

/** Records a pending event; the caller runs it inside a transaction with others. */
export function enqueueEvent(db: Db, submissionId: string, type: string, payload: Record<string, unknown>, staffId: string | null, now = new Date()): PendingEvent {
  const id = randomUUID();
  stmt(db, `INSERT INTO outbox(id, submission_id, type, payload, client_time, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    id, submissionId, type, JSON.stringify(payload), now.toISOString(), staffId, now.getTime(),
  );
  recomputeTriage(db, submissionId);
  return { id, submissionId, type, payload };
}

/** Applies one action to many submissions in one transaction; returns how many changed. */
export function applyAction(db: Db, submissionIds: readonly string[], action: TriageAction, staffId: string | null): number {
  const { type, payload } = toEvent(action);
  return db.transaction(() => {
    let changed = 0;
    for (const id of submissionIds) {
      const state = currentTriage(db, id);
      if (!state || isNoOp(state, action)) continue;
      enqueueEvent(db, id, type, payload, staffId);
      changed++;
    }
    return changed;
  }).immediate();
}
