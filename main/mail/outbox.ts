// The mail outbox: each reply is written here before the first try, with its Message-ID made
// once, and then moves through a small state machine, every step a committed transaction:
//
//   queued ──take──▶ sending ──relay accepted──▶ sent (+ reply_sent event, in the same commit)
//     ▲                 │ temporary failure (4xx, connection) → queued again, later
//     │                 │ refused for good (5xx) or unusable settings → failed
//     └──── retry ──────┴──── failed ──── cancel ──▶ cancelled
//
// `sending` is committed before the SMTP transaction starts. A process killed after that finds
// the row in `sending` on its next start and sends it again with the SAME Message-ID and Date:
// the relay may then see one message twice, under one Message-ID, which mail systems recognise
// as a duplicate. A reply is never sent under two Message-IDs.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { KoeError } from '../../shared/contract-kit.js';
import type { OutboxItem, OutboxState } from '../../shared/contract-mail.js';
import { maskEmail } from '../../shared/email.js';
import type { Db } from '../store/db.js';
import { stmt } from '../store/statements.js';
import { enqueueEvent } from '../triage/commands.js';
import { deleteDraft, setDraftState } from './drafts.js';
import type { OutgoingMessage } from './smtp.js';

export interface OutboxRow {
  n: number;
  id: string;
  submission_id: string;
  draft_id: string;
  message_id: string;
  date: string;
  from_address: string;
  from_name: string | null;
  reply_to: string | null;
  recipient: string;
  subject: string;
  body: string;
  staff_id: string | null;
  state: OutboxState;
  failure: 'rejected' | 'settings' | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  relay_response: string | null;
  sent_at: string | null;
  event_id: string | null;
  created_at: number;
}

export function toOutboxItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    submissionId: r.submission_id,
    draftId: r.draft_id,
    messageId: r.message_id,
    state: r.state,
    failure: r.state === 'failed' ? r.failure : null,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.state === 'queued' ? new Date(r.next_attempt_at).toISOString() : null,
    subject: r.subject,
    toMasked: maskEmail(r.recipient),
    staffId: r.staff_id,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at,
  };
}

export function toOutgoing(r: OutboxRow): OutgoingMessage {
  return {
    messageId: r.message_id,
    date: r.date,
    fromAddress: r.from_address,
    fromName: r.from_name,
    replyTo: r.reply_to,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
  };
}

export interface NewMessage {
  submissionId: string;
  draftId: string;
  recipient: string;
  subject: string;
  body: string;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  staffId: string | null;
  /** e.g. koe.office.example */
  messageIdDomain: string;
}

/** Writes a message to the outbox (queued, due now). The caller runs it in a transaction. */
export function queueMessage(db: Db, m: NewMessage, now = Date.now()): OutboxRow {
  const id = randomUUID();
  const messageId = `<${randomUUID()}@${m.messageIdDomain}>`;
  // A refused earlier version of this draft gives way to the new one.
  stmt(db, `UPDATE mail_outbox SET state = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE draft_id = ? AND state = 'failed'`).run(m.draftId);
  try {
    stmt(
      db,
      `INSERT INTO mail_outbox(id, submission_id, draft_id, message_id, date, from_address, from_name, reply_to, recipient, subject, body, staff_id, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
    ).run(id, m.submissionId, m.draftId, messageId, new Date(now).toISOString(), m.fromAddress, m.fromName, m.replyTo, m.recipient, m.subject, m.body, m.staffId, now, now);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new KoeError('conflict', 'This reply is already in the outbox.', { reason: 'in_outbox' });
    }
    throw err;
  }
  return outboxRow(db, id)!;
}

export function outboxRow(db: Db, id: string): OutboxRow | null {
  return stmt<[string], OutboxRow>(db, 'SELECT * FROM mail_outbox WHERE id = ?').get(id) ?? null;
}

/** Newest first; `states` narrows it (the outbox view's pending / failed / sent tabs). */
export function listOutbox(db: Db, states: readonly OutboxState[] | undefined, limit: number): OutboxRow[] {
  if (!states) return stmt<[number], OutboxRow>(db, 'SELECT * FROM mail_outbox ORDER BY n DESC LIMIT ?').all(limit);
  return stmt<[string, number], OutboxRow>(db, 'SELECT * FROM mail_outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY n DESC LIMIT ?').all(JSON.stringify(states), limit);
}

/** The latest message for a submission that is on its way or was refused, if any. */
export function liveMessageFor(db: Db, submissionId: string): OutboxRow | null {
  return (
    stmt<[string], OutboxRow>(
      db,
      `SELECT * FROM mail_outbox WHERE submission_id = ? AND state IN ('queued', 'sending', 'failed') ORDER BY n DESC LIMIT 1`,
    ).get(submissionId) ?? null
  );
}

// ---- Who is sending: a lease, so two processes on one data dir never send one row at once ----

/** Owners alive in this process (a closed sender's leases are free at once). */
const liveOwners = new Set<string>();

export function newOwner(): string {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  liveOwners.add(owner);
  return owner;
}
export function retireOwner(owner: string): void {
  liveOwners.delete(owner);
}

/** True when the process that holds a lease is gone (killed, closed), so the row may be taken now. */
export function ownerGone(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return !liveOwners.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export const LEASE_MS = 5 * 60_000;

/**
 * Takes the next message due: a queued one whose time has come, or one left in `sending` by a
 * process that is gone (or whose lease ran out). Marks it `sending` and commits before
 * returning, so the SMTP transaction starts only once that is durable.
 */
export function takeNextDue(db: Db, owner: string, now = Date.now(), leaseMs = LEASE_MS): OutboxRow | null {
  return db.transaction(() => {
    const candidates = stmt<[number], OutboxRow>(
      db,
      `SELECT * FROM mail_outbox WHERE (state = 'queued' AND next_attempt_at <= ?) OR state = 'sending' ORDER BY n LIMIT 50`,
    ).all(now);
    for (const r of candidates) {
      if (r.state === 'sending' && r.lease_owner !== owner && !ownerGone(r.lease_owner) && (r.lease_until ?? 0) > now) continue;
      if (r.state === 'sending' && r.lease_owner === owner) continue; // this sender has it in hand
      stmt(db, `UPDATE mail_outbox SET state = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE n = ?`).run(owner, now + leaseMs, r.n);
      return outboxRow(db, r.id);
    }
    return null;
  }).immediate();
}

/** Earliest time a queued message is due, for the sender's timer; null when none waits. */
export function nextDueAt(db: Db): number | null {
  return stmt<[], { t: number | null }>(db, `SELECT min(next_attempt_at) AS t FROM mail_outbox WHERE state = 'queued'`).get()?.t ?? null;
}

const stillMine = (db: Db, r: OutboxRow, owner: string) =>
  stmt<[string, string], { n: number }>(db, `SELECT n FROM mail_outbox WHERE id = ? AND state = 'sending' AND lease_owner = ?`).get(r.id, owner) !== undefined;

/**
 * The relay accepted: `sent`, and the reply_sent event queued for the office, in one commit.
 * Returns the event id, or null when the row is gone (its submission was deleted meanwhile).
 */
export function markSent(db: Db, r: OutboxRow, owner: string, relayResponse: string, staffId: string | null, now = new Date()): string | null {
  return db.transaction(() => {
    if (!stillMine(db, r, owner)) return null;
    const sentAt = now.toISOString();
    const payload: Record<string, unknown> = { message_id: r.message_id, subject: r.subject, body: r.body, sent_at: sentAt, draft_id: r.draft_id };
    const event = enqueueEvent(db, r.submission_id, 'reply_sent', payload, staffId ?? r.staff_id, now);
    stmt(
      db,
      `UPDATE mail_outbox SET state = 'sent', sent_at = ?, relay_response = ?, event_id = ?, last_error = NULL, failure = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
    ).run(sentAt, relayResponse.slice(0, 500), event.id, r.id);
    deleteDraft(db, r.draft_id);
    return event.id;
  }).immediate();
}

/** A temporary failure: back to queued, due again at `nextAt`. */
export function markRetryLater(db: Db, r: OutboxRow, owner: string, error: string, nextAt: number): void {
  db.transaction(() => {
    if (!stillMine(db, r, owner)) return;
    stmt(db, `UPDATE mail_outbox SET state = 'queued', last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`).run(error.slice(0, 1000), nextAt, r.id);
  }).immediate();
}

/**
 * Failed for good. A refused message gives its draft back for editing, with the relay's reason;
 * a settings failure leaves the draft as it is (the message is fine; the relay is not).
 */
export function markFailed(db: Db, r: OutboxRow, owner: string | null, failure: 'rejected' | 'settings', error: string): void {
  db.transaction(() => {
    if (owner !== null && !stillMine(db, r, owner)) return;
    stmt(db, `UPDATE mail_outbox SET state = 'failed', failure = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`).run(failure, error.slice(0, 1000), r.id);
    if (failure === 'rejected') setDraftState(db, r.draft_id, 'editing', `The mail relay refused this reply: ${error}`);
  }).immediate();
}

export function retryMessage(db: Db, id: string, now = Date.now()): OutboxRow {
  return db.transaction(() => {
    const r = outboxRow(db, id);
    if (!r) throw new KoeError('not_found', 'That message is no longer in the outbox.');
    if (r.state === 'sent') throw new KoeError('conflict', 'That message has already been sent.');
    if (r.state === 'sending') return r;
    if (r.state === 'cancelled') throw new KoeError('conflict', 'That message was cancelled; write the reply again to send it.');
    const twin = stmt<[string, string], { id: string }>(db, `SELECT id FROM mail_outbox WHERE draft_id = ? AND id != ? AND state IN ('queued', 'sending')`).get(r.draft_id, id);
    if (twin) throw new KoeError('conflict', 'A newer version of this reply is already in the outbox.');
    stmt(db, `UPDATE mail_outbox SET state = 'queued', failure = NULL, next_attempt_at = ? WHERE id = ?`).run(now, id);
    setDraftState(db, r.draft_id, 'queued', null);
    return outboxRow(db, id)!;
  }).immediate();
}

/** Cancels a message that has not gone; its draft opens for editing again. */
export function cancelMessage(db: Db, id: string): OutboxRow {
  return db.transaction(() => {
    const r = outboxRow(db, id);
    if (!r) throw new KoeError('not_found', 'That message is no longer in the outbox.');
    if (r.state === 'sent') throw new KoeError('conflict', 'That message has already been sent.');
    if (r.state === 'sending') throw new KoeError('conflict', 'That message is being handed to the mail relay right now; it cannot be cancelled.');
    if (r.state === 'cancelled') return r;
    stmt(db, `UPDATE mail_outbox SET state = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE id = ?`).run(id);
    setDraftState(db, r.draft_id, 'editing');
    return outboxRow(db, id)!;
  }).immediate();
}

/** After the relay settings change: messages that failed because of them are queued again. */
export function requeueSettingsFailures(db: Db, now = Date.now()): number {
  return stmt(db, `UPDATE mail_outbox SET state = 'queued', failure = NULL, next_attempt_at = ? WHERE state = 'failed' AND failure = 'settings'`).run(now).changes;
}

/** Counts by state, for the outbox badge and `koe doctor`. */
export function outboxCounts(db: Db): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of stmt<[], { state: OutboxState; n: number }>(db, 'SELECT state, count(*) AS n FROM mail_outbox GROUP BY state').all()) counts[r.state] = r.n;
  return counts;
}
