// The transfers outbox: a reviewed batch is written here — split into transfers of at most 500,
// each with its id made once — in one transaction, before the first try. The sender pushes the
// rows; a row leaves only when the office has stored its transfer, so nothing is lost across a
// crash and a retry can never make a second transfer (the office keys on the id).
import { randomUUID } from 'node:crypto';
import { KoeError } from '../../shared/contract-kit.js';
import type { QueuedTransfer } from '../../shared/contract-transfers.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { planTransfers, uniqueInOrder, withoutRefused, type TransferDraft } from './batching.js';
import { assertChoosable } from './ministries.js';
import { pendingIds } from './tracking.js';

export interface SendRequest {
  ministry: string;
  submissionIds: readonly string[];
  note: string;
  includeContact: boolean;
  contactReason?: string;
}

export interface Refusal {
  code: string;
  message: string;
  submissionIds: string[];
  ministry: boolean;
}

interface OutboxRow {
  n: number;
  id: string;
  batch_id: string;
  part: number;
  parts: number;
  ministry: string;
  submission_ids: string;
  note: string;
  include_contact: number;
  staff_id: string | null;
  created_at: string;
  attempts: number;
  last_error: string | null;
  refused: string | null;
}

function insert(db: Db, d: TransferDraft, staffId: string | null, at: string): void {
  stmt(
    db,
    `INSERT INTO transfer_outbox(id, batch_id, part, parts, ministry, submission_ids, note, include_contact, staff_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.batchId, d.part, d.parts, d.ministry, JSON.stringify(d.submissionIds), d.note, d.includeContact ? 1 : 0, staffId, at);
}

/**
 * Queues a reviewed batch. Only items still marked for the ministry and not yet transferred are
 * sent (a colleague may have sent some meanwhile): the others are skipped and counted. Including
 * contact data needs a reason, which goes to the audit log with the transfer ids.
 */
export function queueBatch(db: Db, req: SendRequest, staffId: string | null, o: { now?: Date; makeId?: () => string } = {}): { drafts: TransferDraft[]; skipped: number } {
  const reason = req.contactReason?.trim() ?? '';
  if (req.includeContact && !reason) throw new KoeError('bad_request', 'Including email addresses and ages needs a reason.');
  assertChoosable(db, req.ministry);
  const at = (o.now ?? new Date()).toISOString();
  return db.transaction(() => {
    const pending = pendingIds(db, req.ministry);
    const wanted = uniqueInOrder(req.submissionIds);
    const ids = wanted.filter((id) => pending.has(id));
    if (ids.length === 0) throw new KoeError('conflict', 'Nothing in this batch is still waiting to be transferred to this ministry.');
    const drafts = planTransfers({ ministry: req.ministry, submissionIds: ids, note: req.note, includeContact: req.includeContact }, o.makeId ?? randomUUID);
    for (const d of drafts) insert(db, d, staffId, at);
    if (req.includeContact) {
      appendAudit(db, {
        actor: staffId,
        action: 'transfer_contact_included',
        detail: { ministry: req.ministry, transfer_ids: drafts.map((d) => d.id), count: ids.length, reason },
      });
    }
    return { drafts, skipped: wanted.length - ids.length };
  }).immediate();
}

function toQueued(r: OutboxRow): QueuedTransfer {
  return {
    id: r.id,
    batchId: r.batch_id,
    part: r.part,
    parts: r.parts,
    ministry: r.ministry,
    submissionIds: JSON.parse(r.submission_ids) as string[],
    note: r.note,
    includeContact: r.include_contact === 1,
    createdAt: r.created_at,
    attempts: r.attempts,
    lastError: r.last_error,
    refused: r.refused ? (JSON.parse(r.refused) as Refusal) : null,
  };
}

export function listOutbox(db: Db): QueuedTransfer[] {
  return stmt<[], OutboxRow>(db, 'SELECT * FROM transfer_outbox ORDER BY n').all().map(toQueued);
}

/** Rows still to push, oldest first (refused ones wait for the user). */
export function sendableRows(db: Db): QueuedTransfer[] {
  return stmt<[], OutboxRow>(db, 'SELECT * FROM transfer_outbox WHERE refused IS NULL ORDER BY n').all().map(toQueued);
}

export function outboxCount(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM transfer_outbox WHERE refused IS NULL').get()!.n;
}

function getRow(db: Db, id: string): OutboxRow {
  const r = stmt<[string], OutboxRow>(db, 'SELECT * FROM transfer_outbox WHERE id = ?').get(id);
  if (!r) throw new KoeError('not_found', 'This transfer is no longer waiting in the outbox.');
  return r;
}

/**
 * A refused transfer, resent without the submissions the office named, under a new id: the
 * office stored nothing under the old one, but a server may remember the refusal under its key.
 */
export function resendRefused(db: Db, id: string, o: { now?: Date; makeId?: () => string; actor?: string | null } = {}): { transferId: string | null; dropped: number } {
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row.refused) throw new KoeError('conflict', 'This transfer was not refused; it is still being sent.');
    const refusal = JSON.parse(row.refused) as Refusal;
    if (refusal.ministry) throw new KoeError('bad_request', 'The office refused the ministry itself: mark these opinions for another ministry or agency, then discard this transfer.');
    assertChoosable(db, row.ministry);
    const ids = JSON.parse(row.submission_ids) as string[];
    const rest = withoutRefused(ids, refusal.submissionIds);
    stmt(db, 'DELETE FROM transfer_outbox WHERE id = ?').run(id);
    if (rest.length === 0) return { transferId: null, dropped: ids.length };
    const transferId = (o.makeId ?? randomUUID)();
    const includeContact = row.include_contact === 1;
    insert(db, { id: transferId, batchId: row.batch_id, part: row.part, parts: row.parts, ministry: row.ministry, submissionIds: rest, note: row.note, includeContact }, row.staff_id, (o.now ?? new Date()).toISOString());
    if (includeContact) {
      // Contact data goes out under a new transfer id: the log says so, pointing at the first decision.
      appendAudit(db, { actor: o.actor ?? row.staff_id, action: 'transfer_contact_included', detail: { ministry: row.ministry, transfer_ids: [transferId], count: rest.length, resent_from: id } });
    }
    return { transferId, dropped: ids.length - rest.length };
  }).immediate();
}

/** Gives up on a refused transfer; a queued one may already be with the office and stays. */
export function discardRefused(db: Db, id: string): void {
  db.transaction(() => {
    const row = getRow(db, id);
    if (!row.refused) throw new KoeError('conflict', 'Only a refused transfer can be discarded; this one is still being sent.');
    stmt(db, 'DELETE FROM transfer_outbox WHERE id = ?').run(id);
  }).immediate();
}

export function markRefused(db: Db, id: string, refusal: Refusal): void {
  stmt(db, 'UPDATE transfer_outbox SET refused = ?, last_error = ? WHERE id = ?').run(JSON.stringify(refusal), refusal.message, id);
}
