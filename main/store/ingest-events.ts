// Applies a page of the events feed: stores confirmed events, retires the matching pending
// ones, and refolds the submissions they touch.
import { eventPayloads, isKnownEventType, wireEvent, type WireEvent } from '../../shared/office-api.js';
import type { Db } from './db.js';
import { tombstoneSeq } from './purge.js';
import { describeIssues, quarantineItem } from './quarantine.js';
import { stmt } from './statements.js';
import { recomputeTriage } from './triage-state.js';

export interface EventCounts {
  pulled: number;
  quarantined: number;
}

/** Checks a stored event's payload against its type; unknown types pass (they change nothing). */
export function eventPayloadProblem(type: string, payload: unknown): string | null {
  if (!isKnownEventType(type)) return null;
  const r = eventPayloads[type].safeParse(payload);
  return r.success ? null : `invalid ${type} payload: ${describeIssues(r.error.issues)}`;
}

export function applyEventItems(db: Db, items: readonly unknown[], counts: EventCounts = { pulled: 0, quarantined: 0 }): { counts: EventCounts; touched: Set<string> } {
  const touched = new Set<string>();
  for (const raw of items) {
    const parsed = wireEvent.safeParse(raw);
    if (!parsed.success) {
      quarantineItem(db, 'events', raw, `invalid event: ${describeIssues(parsed.error.issues)}`);
      counts.quarantined++;
      continue;
    }
    const e = parsed.data;
    const problem = eventPayloadProblem(e.type, e.payload);
    if (problem) {
      quarantineItem(db, 'events', raw, problem);
      counts.quarantined++;
      continue;
    }
    if (storeConfirmedEvent(db, e)) {
      counts.pulled++;
      touched.add(e.submission_id);
    }
  }
  for (const id of touched) recomputeTriage(db, id);
  return { counts, touched };
}

/** Stores one confirmed event (from the feed or from a push's response); false if it changes nothing. */
export function storeConfirmedEvent(db: Db, e: WireEvent): boolean {
  // The pending copy, if this workstation made it, is now confirmed.
  const retired = stmt(db, 'DELETE FROM outbox WHERE id = ?').run(e.id).changes > 0;
  // Events for a deleted submission change nothing.
  if (tombstoneSeq(db, e.submission_id) !== null) return retired;
  const inserted =
    stmt(db, `INSERT OR IGNORE INTO events(seq, id, submission_id, type, payload, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      e.seq, e.id, e.submission_id, e.type, JSON.stringify(e.payload), e.staff_id, e.created_at,
    ).changes > 0;
  return inserted || retired;
}
