// Applies a page of the transfers feed: a transfer comes again, with a higher seq, when its
// status changes; the latest wins.
import { wireTransfer } from '../../shared/office-api.js';
import type { Db } from './db.js';
import { describeIssues, quarantineItem } from './quarantine.js';
import { stmt } from './statements.js';

export function applyTransferItems(db: Db, items: readonly unknown[]): { applied: number; quarantined: number } {
  let applied = 0;
  let quarantined = 0;
  for (const raw of items) {
    const parsed = wireTransfer.safeParse(raw);
    if (!parsed.success) {
      quarantineItem(db, 'transfers', raw, `invalid transfer: ${describeIssues(parsed.error.issues)}`);
      quarantined++;
      continue;
    }
    const t = parsed.data;
    const r = stmt(db, `INSERT INTO transfers(id, seq, ministry, submission_ids, note, include_contact, status, reason, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, ministry = excluded.ministry, submission_ids = excluded.submission_ids,
        note = excluded.note, include_contact = excluded.include_contact, status = excluded.status, reason = excluded.reason,
        created_by = excluded.created_by, created_at = excluded.created_at, updated_at = excluded.updated_at
      WHERE excluded.seq > transfers.seq`).run(
      t.id, t.seq, t.ministry, JSON.stringify(t.submission_ids), t.note, t.include_contact ? 1 : 0, t.status, t.reason, t.created_by, t.created_at, t.updated_at,
    );
    applied += r.changes;
  }
  return { applied, quarantined };
}
