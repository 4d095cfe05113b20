// Reading one submission in full (the detail pane, `koe show`), and the CLI's flat record.
import type { HistoryEntry, TriageState } from '../../shared/domain.js';
import type { Db } from './db.js';
import { stmt } from './statements.js';
import { emptyTriage } from '../triage/fold.js';

export interface SubmissionRecord {
  k: number;
  id: string;
  seq: number;
  received_at: string;
  channel: 'form' | 'email';
  category: string;
  theme: string | null;
  subject: string | null;
  body: string;
  age_band: string | null;
  email: string | null;
  language: string | null;
  extra: string | null;
  status: string;
  assignee: string | null;
  tags: string;
  marks: string;
  notes_count: number;
  replies_count: number;
  triage: string | null;
  pending: number;
  changed_at: number;
  group_id: string | null;
}

export function getSubmission(db: Db, id: string): SubmissionRecord | null {
  return stmt<[string], SubmissionRecord>(db, 'SELECT * FROM submissions WHERE id = ?').get(id) ?? null;
}

export function triageOf(r: SubmissionRecord): TriageState {
  return r.triage ? (JSON.parse(r.triage) as TriageState) : emptyTriage();
}

/** The flat record `koe list --json` and `koe show --json` print, one per line. */
export function cliRecord(r: SubmissionRecord) {
  return {
    id: r.id,
    seq: r.seq,
    received_at: r.received_at,
    channel: r.channel,
    category: r.category,
    theme: r.theme,
    subject: r.subject,
    body: r.body,
    age_band: r.age_band,
    email: r.email,
    language: r.language,
    status: r.status,
    tags: (JSON.parse(r.tags) as string[]).slice().sort(),
    assignee: r.assignee,
    notes_count: r.notes_count,
    transfer_marks: (JSON.parse(r.marks) as string[]).slice().sort(),
    replies_count: r.replies_count,
  };
}

/** Who did what, when: confirmed events in server order, then this workstation's pending ones. */
export function historyOf(db: Db, id: string): HistoryEntry[] {
  const confirmed = stmt<[string], { id: string; seq: number; type: string; payload: string; staff_id: string | null; created_at: string }>(
    db,
    'SELECT id, seq, type, payload, staff_id, created_at FROM events WHERE submission_id = ? ORDER BY seq',
  ).all(id);
  const pending = stmt<[string], { id: string; type: string; payload: string; staff_id: string | null; client_time: string }>(
    db,
    'SELECT id, type, payload, staff_id, client_time FROM outbox WHERE submission_id = ? ORDER BY n',
  ).all(id);
  return [
    ...confirmed.map((e) => ({ eventId: e.id, seq: e.seq, type: e.type, payload: JSON.parse(e.payload), staffId: e.staff_id, at: e.created_at, pending: false })),
    ...pending.map((e) => ({ eventId: e.id, seq: null, type: e.type, payload: JSON.parse(e.payload), staffId: e.staff_id, at: e.client_time, pending: true })),
  ];
}
