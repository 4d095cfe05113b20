// The mail outbox's state machine on a real encrypted database, and the sender delivering it to
// a real SMTP server on loopback: backoff on temporary failures, refusals and settings problems
// that stop a message and say why, the same Message-ID on every try.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { applySubmissionItems } from '../store/ingest-submissions.js';
import { readMessage } from '../simulator/mail-read.js';
import { startSmtpSink, type SmtpSink } from '../simulator/smtp-sink.js';
import { tempStore, wireSubmissionFixture, type TempStore } from '../test-support/temp-store.js';
import { openDraft, saveDraft } from './drafts.js';
import {
  cancelMessage,
  markFailed,
  markSent,
  newOwner,
  outboxCounts,
  outboxRow,
  ownerGone,
  queueMessage,
  requeueSettingsFailures,
  retireOwner,
  retryMessage,
  takeNextDue,
  type NewMessage,
} from './outbox.js';
import { backoffMs, MailSender } from './sender.js';
import { deliver, type RelayConfig } from './smtp.js';

let t: TempStore;
let sink: SmtpSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
  t?.cleanup();
});

const count = (sql: string, ...p: unknown[]) => (t.db.prepare(sql).get(...p) as { n: number }).n;

function submission(email: string | null = 'citizen@example.jp') {
  const s = wireSubmissionFixture({ email });
  applySubmissionItems(t.db, [s]);
  return s.id;
}

function queue(submissionId: string, over: Partial<NewMessage> = {}) {
  const draft = saveDraft(t.db, submissionId, 'st-001', { subject: '件名', body: '本文' });
  return t.db.transaction(() =>
    queueMessage(t.db, {
      submissionId,
      draftId: draft.id,
      recipient: 'citizen@example.jp',
      subject: '【政府広聴室】ご意見ありがとうございました',
      body: 'ご意見をお寄せいただき、ありがとうございました。',
      fromAddress: 'kouchou@office.example',
      fromName: '政府広聴室',
      replyTo: null,
      staffId: 'st-001',
      messageIdDomain: 'koe.office.example',
      ...over,
    }),
  )();
}

describe('the outbox state machine', () => {
  it('queued → sending (committed, attempts counted) → sent with its reply_sent event in the same commit', () => {
    t = tempStore();
    const id = submission();
    const row = queue(id);
    expect(row.state).toBe('queued');
    expect(row.message_id).toMatch(/^<[0-9a-f-]{36}@koe\.office\.example>$/);

    const owner = newOwner();
    const taken = takeNextDue(t.db, owner)!;
    expect(taken.state).toBe('sending');
    expect(taken.attempts).toBe(1);
    // Durable before the SMTP transaction: a fresh connection already sees `sending`.
    const other = t.reopen();
    expect(outboxRow(other, row.id)!.state).toBe('sending');

    const eventId = markSent(t.db, taken, owner, '250 OK', 'st-001', new Date('2026-11-28T10:00:00Z'));
    expect(eventId).not.toBeNull();
    expect(outboxRow(t.db, row.id)).toMatchObject({ state: 'sent', sent_at: '2026-11-28T10:00:00.000Z', event_id: eventId });
    const ev = t.db.prepare(`SELECT type, payload FROM outbox WHERE id = ?`).get(eventId) as { type: string; payload: string };
    expect(ev.type).toBe('reply_sent');
    expect(JSON.parse(ev.payload)).toEqual({
      message_id: row.message_id,
      subject: row.subject,
      body: row.body,
      sent_at: '2026-11-28T10:00:00.000Z',
      draft_id: row.draft_id,
    });
    // The reply shows in the history at once (a pending event), and the draft is done.
    const triage = JSON.parse((t.db.prepare('SELECT triage FROM submissions WHERE id = ?').get(id) as { triage: string }).triage);
    expect(triage.replies).toHaveLength(1);
    expect(openDraft(t.db, id, 'st-001')).toBeNull();
    retireOwner(owner);
  });

  it('one message per draft on its way: a second queue of the same draft is refused', () => {
    t = tempStore();
    const id = submission();
    const row = queue(id);
    expect(() => t.db.transaction(() => queueMessage(t.db, { ...row, submissionId: id, draftId: row.draft_id, recipient: row.recipient, fromAddress: 'a@office.example', fromName: null, replyTo: null, staffId: null, messageIdDomain: 'x' }))()).toThrow(/already in the outbox/);
  });

  it('a row in `sending` is taken over only when its owner is gone or its lease ran out', () => {
    t = tempStore();
    queue(submission());
    const a = newOwner();
    const b = newOwner();
    const taken = takeNextDue(t.db, a)!;
    expect(takeNextDue(t.db, b)).toBeNull(); // a is alive and holds the lease
    expect(takeNextDue(t.db, b, Date.now() + 10 * 60_000)!.id).toBe(taken.id); // the lease ran out
    // A closed sender in this process, or a process that no longer exists, holds nothing.
    retireOwner(b);
    expect(ownerGone(b)).toBe(true);
    expect(takeNextDue(t.db, a)!.attempts).toBe(3);
    retireOwner(a);
  });

  it('retry and cancel; a refusal gives the draft back for editing with the relay’s reason', () => {
    t = tempStore();
    const id = submission();
    const row = queue(id);
    const owner = newOwner();
    const taken = takeNextDue(t.db, owner)!;
    expect(() => cancelMessage(t.db, row.id)).toThrow(/right now/);
    markFailed(t.db, taken, owner, 'rejected', '554 5.7.1 Message rejected');
    expect(outboxRow(t.db, row.id)).toMatchObject({ state: 'failed', failure: 'rejected', last_error: '554 5.7.1 Message rejected' });
    expect(openDraft(t.db, id, 'st-001')).toMatchObject({ state: 'editing', notice: 'The mail relay refused this reply: 554 5.7.1 Message rejected' });

    expect(retryMessage(t.db, row.id).state).toBe('queued');
    expect(cancelMessage(t.db, row.id).state).toBe('cancelled');
    expect(openDraft(t.db, id, 'st-001')!.state).toBe('editing');
    expect(() => retryMessage(t.db, row.id)).toThrow(/cancelled/);
    expect(outboxCounts(t.db)).toMatchObject({ cancelled: 1, queued: 0 });
    retireOwner(owner);
  });

  it('a deleted submission takes its drafts and messages with it', () => {
    t = tempStore();
    const id = submission();
    queue(id);
    applySubmissionItems(t.db, [{ id, seq: 10_000_000, deleted: true, reason: 'withdrawn' }]);
    expect(count('SELECT count(*) AS n FROM mail_outbox')).toBe(0);
    expect(count('SELECT count(*) AS n FROM reply_drafts')).toBe(0);
  });
});

describe('the sender against a real relay', () => {
  const relayOf = (s: SmtpSink): RelayConfig => ({ host: '127.0.0.1', port: s.port, security: 'starttls', username: 'koe', password: 'pw' });
  function sender(s: SmtpSink, clock: { now: number }, relay = relayOf(s)) {
    return new MailSender(t.db, {
      relay: () => ({ relay }),
      canSend: () => true,
      staffId: () => 'st-001',
      now: () => clock.now,
      random: () => 0.5,
      deliver: (r, m) => deliver(r, m, { timeoutsMs: { connection: 5000, socket: 5000 } }),
    });
  }

  it('4xx, then a dropped connection mid-DATA, then success: backoff between tries, one Message-ID throughout', async () => {
    t = tempStore();
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    const row = queue(submission());
    const clock = { now: Date.now() };
    const s = sender(sink, clock);

    sink.setFaults({ refuseNext: 1, refuseCode: 451, refuseMessage: '4.7.1 Greylisted, try again' });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let r = outboxRow(t.db, row.id)!;
    expect(r).toMatchObject({ state: 'queued', attempts: 1, last_error: '451 4.7.1 Greylisted, try again' });
    expect(r.next_attempt_at - clock.now).toBe(backoffMs(1, () => 0.5));

    // Not due yet: nothing is tried.
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.now = r.next_attempt_at;
    sink.setFaults({ dropNext: 1 });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    r = outboxRow(t.db, row.id)!;
    expect(r.attempts).toBe(2);
    expect(r.next_attempt_at - clock.now).toBe(backoffMs(2, () => 0.5));
    expect(backoffMs(2, () => 0.5)).toBeGreaterThan(backoffMs(1, () => 0.5));

    clock.now = r.next_attempt_at;
    expect(await s.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(outboxRow(t.db, row.id)).toMatchObject({ state: 'sent', attempts: 3, relay_response: '250 OK: message queued' });
    expect(sink.messages).toHaveLength(1);
    expect(readMessage(sink.messages[0].raw).header('message-id')).toBe(row.message_id);
    expect(sink.attempts).toBe(3);
    await s.close();
  });

  it('5xx stops the message with the relay’s reason and keeps the draft for editing', async () => {
    t = tempStore();
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    const id = submission();
    const row = queue(id);
    sink.setFaults({ refuseNext: 1, refuseCode: 550, refuseMessage: '5.1.1 Recipient address rejected' });
    const s = sender(sink, { now: Date.now() });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(outboxRow(t.db, row.id)).toMatchObject({ state: 'failed', failure: 'rejected', last_error: '550 5.1.1 Recipient address rejected' });
    expect(openDraft(t.db, id, 'st-001')).toMatchObject({ state: 'editing', subject: '件名', body: '本文' });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not tried again by itself
    await s.close();
  });

  it('a wrong password fails the message as a settings problem (not retried into a lock-out); retry after the fix sends it', async () => {
    t = tempStore();
    sink = await startSmtpSink({ auth: { user: 'koe', pass: 'pw' } });
    const row = queue(submission());
    const clock = { now: Date.now() };
    let s = sender(sink, clock, { ...relayOf(sink), password: 'wrong' });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(outboxRow(t.db, row.id)).toMatchObject({ state: 'failed', failure: 'settings' });
    expect(outboxRow(t.db, row.id)!.last_error).toContain('535');
    await s.close();
    expect(requeueSettingsFailures(t.db, clock.now)).toBe(1);
    s = sender(sink, clock);
    expect(await s.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await s.close();
  });

  it('never sends to an address the office has since corrected', async () => {
    t = tempStore();
    sink = await startSmtpSink();
    const id = submission();
    const row = queue(id);
    t.db.prepare('UPDATE submissions SET email = ? WHERE id = ?').run('corrected@example.jp', id);
    const s = sender(sink, { now: Date.now() }, { host: '127.0.0.1', port: sink.port, security: 'starttls', username: null, password: null });
    expect(await s.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(outboxRow(t.db, row.id)!.last_error).toMatch(/changed the citizen's address/);
    expect(sink.attempts).toBe(0);
    await s.close();
  });

  it('a process that is gone leaves nothing held', () => {
    const child = spawn(process.execPath, ['-e', '0']);
    return new Promise<void>((resolve) => {
      child.on('exit', () => {
        expect(ownerGone(`${hostname()}:${child.pid}:x`)).toBe(true);
        expect(ownerGone(`some-other-host:${child.pid}:x`)).toBe(false); // another machine's: wait for its lease
        resolve();
      });
    });
  });
});
