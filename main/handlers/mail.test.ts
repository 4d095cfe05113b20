// Replying by email through the services' one dispatcher, against the real office API
// simulator and its real SMTP sink: templates, drafts that survive a restart, the claim (and a
// conflict the office reports), approval by a supervisor, the outbox, and the relay settings.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, ErrorInfo } from '../../shared/contract-kit.js';
import type { ApprovalItem, ClaimView, ComposerState, MailSettingsView, OutboxItem, ReplyDraft, ReplyPreview, ReplyTemplate, SendOutcome } from '../../shared/contract-mail.js';
import type { SubmissionDetail } from '../../shared/domain.js';
import { isValidEmail } from '../../shared/email.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { listAudit } from '../store/audit.js';
import { openServices, type Services, type ServicesOptions } from '../services.js';
import { readMessage } from '../simulator/mail-read.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { waitFor } from '../simulator/test-helpers.js';
import { tempDir } from '../test-support/temp-store.js';

let sim: SimulatorHandle | null = null;
const opened: Services[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  await sim?.close();
  sim = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Call = <T>(name: string, input?: unknown) => Promise<T>;
class CallError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

async function simulator() {
  sim = await startSimulator({ count: 60, seed: 11, smtpSink: true });
  return sim;
}

/** One workstation: its own data dir, signed in as `username`, synced. */
async function workstation(username: string, over: Partial<ServicesOptions> = {}, dir = tempDir('koe-mail-')) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const s = await openServices({
    dataDir: join(dir, 'data'),
    keyProvider: new KeyFileProvider(join(dir, 'key')),
    apiUrl: sim!.url,
    demo: true,
    syncIntervalMs: 0,
    smtpUrl: sim!.smtpUrl,
    log: () => {},
    ...over,
  });
  opened.push(s);
  const call: Call = async <T>(name: string, input: unknown = {}) => {
    const r = (await s.dispatch(name, input)) as Envelope<T>;
    if (!r.ok) throw new CallError(r.error);
    return r.value;
  };
  if (username) await call('session:signIn', { username, password: 'koe-demo', remember: true });
  await s.runner.syncNow();
  return { s, call, dir };
}

const failure = async (p: Promise<unknown>): Promise<ErrorInfo> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof CallError) return err.info;
    throw err;
  }
  throw new Error('expected the call to fail');
};

/** A submission with a valid address and a theme, as the office holds it. */
function replyable(s: Services): { id: string; email: string } {
  const candidates = s.db.prepare(`SELECT id, email FROM submissions WHERE email IS NOT NULL AND theme IS NOT NULL AND language = 'ja' ORDER BY k DESC LIMIT 50`).all() as { id: string; email: string }[];
  return candidates.find((c) => isValidEmail(c.email))!;
}

const storedOfType = (type: string, submissionId?: string) =>
  (sim!.storedEvents() as { type: string; submission_id: string; staff_id: string; payload: Record<string, unknown> }[]).filter(
    (e) => e.type === type && (submissionId === undefined || e.submission_id === submissionId),
  );

describe('a reply from the composer to the citizen', () => {
  it('template → draft (kept across a restart) → preview → send: the citizen gets exactly the preview, once, and the office records reply_sent', async () => {
    await simulator();
    const first = await workstation('sato');
    const sub = replyable(first.s);
    let call = first.call;

    let c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.recipient).toEqual({ masked: expect.stringMatching(/^.••••@example\./), valid: true });
    expect(c.blocked?.code).toBe('not_claimed');
    const claim = await call<ClaimView>('mail:claim', { submissionId: sub.id });
    expect(claim).toMatchObject({ holder: 'st-001', holderName: '佐藤 花子', mine: true });
    expect(Date.parse(claim.until) - Date.now()).toBeGreaterThan(14 * 60_000);

    const templates = await call<ReplyTemplate[]>('mail:templates');
    const tpl = templates.find((t) => t.id === 'tpl-thanks-ja')!;
    await call<ReplyDraft>('mail:saveDraft', { submissionId: sub.id, subject: tpl.subject, body: tpl.body, templateId: tpl.id, language: 'ja' });
    // The user adds a line as they type; each keystroke batch is saved.
    const edited = tpl.body + '\n\n追伸：貴重なご意見に重ねて御礼申し上げます。';
    await call('mail:saveDraft', { submissionId: sub.id, subject: tpl.subject, body: edited });

    // A restart loses nothing: the draft is in the (encrypted) database.
    await first.s.close();
    opened.splice(opened.indexOf(first.s), 1);
    ({ call } = await workstation('', {}, first.dir));
    c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.draft).toMatchObject({ subject: tpl.subject, body: edited, templateId: 'tpl-thanks-ja', state: 'editing' });
    expect(c.claim).toMatchObject({ mine: true });

    const preview = await call<ReplyPreview>('mail:preview', { submissionId: sub.id });
    expect(preview.problems).toEqual([]);
    expect(preview.subject).toBe('【政府広聴室（デモ）】ご意見をお寄せいただきありがとうございます');
    expect(preview.body).toContain('担当：佐藤 花子');
    expect(preview.body).toMatch(/^このたびは、\d{4}年\d{1,2}月\d{1,2}日に「[^{}]+」に関する[^{}]+をお寄せいただき/);
    expect(preview.body).not.toContain('{{');
    expect(preview.from).toBe('政府広聴室（デモ） <kouchou@office.example>');

    const sent = await call<SendOutcome>('mail:send', { submissionId: sub.id, subject: tpl.subject, body: edited });
    expect(sent.outcome).toBe('queued');
    const item = (sent as { item: OutboxItem }).item;
    expect(item.messageId).toMatch(/^<[0-9a-f-]{36}@koe\.office\.example>$/);

    const [got] = await sim!.smtp!.waitForMessages(1);
    expect(got.rcptTo).toEqual([sub.email]);
    const m = readMessage(got.raw);
    expect(m.header('to')).toBe(sub.email);
    expect(m.header('message-id')).toBe(item.messageId);
    expect(m.decoded('subject')).toBe(preview.subject);
    expect(m.text).toBe(preview.body);

    await waitFor(() => storedOfType('reply_sent', sub.id).length === 1, 10_000);
    const recorded = storedOfType('reply_sent', sub.id)[0];
    expect(recorded).toMatchObject({ submission_id: sub.id, staff_id: 'st-001', payload: { message_id: item.messageId, subject: preview.subject, body: preview.body, draft_id: item.draftId } });
    // reply_sent ended the claim; the reply is in the history; the draft is done.
    const detail = await call<SubmissionDetail>('submission:get', { id: sub.id });
    expect(detail.triage.replies).toEqual([expect.objectContaining({ messageId: item.messageId, subject: preview.subject })]);
    expect(detail.triage.claim).toBeNull();
    const outbox = await call<OutboxItem[]>('mail:outbox', {});
    expect(outbox).toEqual([expect.objectContaining({ id: item.id, state: 'sent', attempts: 1, lastError: null })]);
    expect((await call<ComposerState>('mail:composer', { submissionId: sub.id })).draft).toBeNull();
    expect(sim!.smtp!.messages).toHaveLength(1);
  });

  it('an unknown or unfilled variable blocks sending and says which; the draft is kept', async () => {
    await simulator();
    const { s, call } = await workstation('sato');
    const sub = replyable(s);
    await call('mail:claim', { submissionId: sub.id });
    const e = await failure(call('mail:send', { submissionId: sub.id, subject: 'Re: {{subjet}}', body: '{{theme}} について {{nme}} 様' }));
    expect(e.code).toBe('bad_request');
    expect(e.message).toContain('{{subjet}} is not a variable Koe knows');
    expect(e.message).toContain('{{nme}} is not a variable Koe knows');
    expect(e.detail?.problems).toEqual([
      { variable: 'subjet', kind: 'unknown', where: 'subject' },
      { variable: 'nme', kind: 'unknown', where: 'body' },
    ]);
    expect((await call<ComposerState>('mail:composer', { submissionId: sub.id })).draft?.body).toBe('{{theme}} について {{nme}} 様');

    // A submission without a theme cannot fill {{theme}}.
    sim!.correctSubmission(sub.id, { theme: null });
    await s.runner.syncNow();
    const p = await call<ReplyPreview>('mail:preview', { submissionId: sub.id, subject: 'ok', body: '「{{theme}}」について' });
    expect(p.problems).toEqual([{ variable: 'theme', kind: 'unfilled', where: 'body' }]);
    expect(p.body).toBe('「{{theme}}」について');
    const e2 = await failure(call('mail:send', { submissionId: sub.id, subject: 'ok', body: '「{{theme}}」について' }));
    expect(e2.message).toContain('{{theme}} has no value for this opinion');
    expect(sim!.smtp!.attempts).toBe(0);
  });

  it('no address or a malformed one: Reply is disabled with the reason, and main refuses claim and send', async () => {
    await simulator();
    const { s, call } = await workstation('sato');
    const sub = replyable(s);
    sim!.correctSubmission(sub.id, { email: 'someone@@example.jp' });
    await s.runner.syncNow();
    expect((await call<SubmissionDetail>('submission:get', { id: sub.id })).emailValid).toBe(false);
    let c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.blocked).toEqual({ code: 'invalid_email', message: expect.stringContaining('not a valid email address') });
    expect((await failure(call('mail:claim', { submissionId: sub.id }))).detail?.reason).toBe('invalid_email');
    expect((await failure(call('mail:send', { submissionId: sub.id, subject: 'a', body: 'b' }))).detail?.reason).toBe('invalid_email');

    sim!.correctSubmission(sub.id, { email: null });
    await s.runner.syncNow();
    c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.blocked?.code).toBe('no_email');
    expect(c.recipient).toEqual({ masked: null, valid: false });
    expect(sim!.smtp!.attempts).toBe(0);
  });
});

describe('the claim, at the office', () => {
  it('someone else holds it: the office’s 409 names who and until when, and sending is refused', async () => {
    await simulator();
    const { s, call } = await workstation('sato');
    const sub = replyable(s);
    await sim!.postEventAs('suzuki', { submission_id: sub.id, type: 'reply_claimed', payload: {} });

    const e = await failure(call('mail:claim', { submissionId: sub.id }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/^This reply is held by 鈴木 一郎 until \d{2}:\d{2}\.$/);
    expect(e.detail).toMatchObject({ reason: 'claimed_by_other', holder: 'st-002', holderName: '鈴木 一郎' });
    expect(Date.parse(e.detail!.until as string) - Date.now()).toBeGreaterThan(14 * 60_000);

    await s.runner.syncNow();
    const c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.claim).toMatchObject({ holder: 'st-002', holderName: '鈴木 一郎', mine: false });
    expect(c.blocked?.code).toBe('claimed_by_other');
    expect((await failure(call('mail:send', { submissionId: sub.id, subject: 'a', body: 'b' }))).detail?.reason).toBe('claimed_by_other');

    // Released by its holder: the claim is free again.
    await sim!.postEventAs('suzuki', { submission_id: sub.id, type: 'reply_released', payload: {} });
    await expect(call<ClaimView>('mail:claim', { submissionId: sub.id })).resolves.toMatchObject({ mine: true });
  });

  it('offline: the composer says so at once; the draft is kept; cancelling releases through the outbox', async () => {
    await simulator();
    const { s, call } = await workstation('sato');
    const sub = replyable(s);
    await call('mail:claim', { submissionId: sub.id });
    await call('mail:saveDraft', { submissionId: sub.id, subject: '件名', body: '本文' });

    sim!.setFaults({ offline: true });
    const started = Date.now();
    const e = await failure(call('mail:claim', { submissionId: sub.id }));
    expect(e.code).toBe('offline');
    expect(e.message).toMatch(/cannot be reached/);
    expect(Date.now() - started).toBeLessThan(5000);

    // Cancelling the composer while offline: the release waits in the outbox…
    await call('mail:release', { submissionId: sub.id });
    expect((await call<ComposerState>('mail:composer', { submissionId: sub.id })).claim).toBeNull();
    sim!.setFaults({ offline: false });
    // …and reaches the office on the next push.
    await s.runner.syncNow();
    expect(storedOfType('reply_released', sub.id)).toEqual([expect.objectContaining({ submission_id: sub.id, staff_id: 'st-001' })]);
    expect((await call<ComposerState>('mail:composer', { submissionId: sub.id })).draft?.body).toBe('本文');
  });
});

describe('approval by a supervisor (replyApproval)', () => {
  it('staff proposes → supervisor returns with a comment → staff edits and proposes again → supervisor approves, and the approver’s workstation sends it', async () => {
    await simulator();
    const staff = await workstation('sato', { managedMail: { replyApproval: true } });
    const boss = await workstation('tanaka', { managedMail: { replyApproval: true } });
    const sub = replyable(staff.s);

    let c = await staff.call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.approvalRequired).toBe(true);
    await staff.call('mail:claim', { submissionId: sub.id });
    const first = await staff.call<SendOutcome>('mail:send', { submissionId: sub.id, subject: 'ご意見について', body: '{{received_date}}にいただいたご意見、ありがとうございました。' });
    expect(first.outcome).toBe('proposed');
    const draftId = (first as { draftId: string }).draftId;
    await staff.s.runner.syncNow();
    expect(storedOfType('reply_proposed', sub.id)).toEqual([expect.objectContaining({ staff_id: 'st-001', payload: expect.objectContaining({ draft_id: draftId }) })]);
    expect(sim!.smtp!.attempts).toBe(0);
    // Waiting for approval: nobody else may start another reply, and the text is locked.
    expect((await staff.call<ComposerState>('mail:composer', { submissionId: sub.id })).blocked?.code).toBe('awaiting_approval');
    expect((await failure(staff.call('mail:saveDraft', { submissionId: sub.id, subject: 'x', body: 'y' }))).detail?.reason).toBe('awaiting_approval');

    // A staff member cannot see or act on the approval queue: refused in main, and logged.
    expect((await failure(staff.call('mail:approvals'))).code).toBe('forbidden');
    expect((await failure(staff.call('mail:approve', { submissionId: sub.id, draftId }))).code).toBe('forbidden');
    expect(listAudit(staff.s.db, 10).some((a) => a.action === 'role_refused')).toBe(true);

    await boss.s.runner.syncNow();
    let queue = await boss.call<ApprovalItem[]>('mail:approvals');
    expect(queue).toEqual([expect.objectContaining({ submissionId: sub.id, draftId, staffId: 'st-001', staffName: '佐藤 花子', recipientValid: true })]);
    expect(queue[0].body).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日にいただいたご意見/);
    await boss.call('mail:return', { submissionId: sub.id, draftId, comment: '担当者名を入れてください' });
    await boss.s.runner.syncNow();
    expect(await boss.call<ApprovalItem[]>('mail:approvals')).toEqual([]);

    await staff.s.runner.syncNow();
    c = await staff.call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.proposal).toMatchObject({ state: 'returned', comment: '担当者名を入れてください', mine: true });
    expect(c.draft?.notice).toContain('担当者名を入れてください');
    await staff.call('mail:claim', { submissionId: sub.id });
    const second = await staff.call<SendOutcome>('mail:send', { submissionId: sub.id, subject: 'ご意見について', body: 'ありがとうございました。\n担当：{{staff_name}}' });
    expect(second).toEqual({ outcome: 'proposed', draftId });
    await staff.s.runner.syncNow();

    await boss.s.runner.syncNow();
    queue = await boss.call<ApprovalItem[]>('mail:approvals');
    expect(queue.map((q) => q.body)).toEqual(['ありがとうございました。\n担当：佐藤 花子']);
    const approved = await boss.call<SendOutcome>('mail:approve', { submissionId: sub.id, draftId, comment: '' });
    expect(approved.outcome).toBe('queued');
    const [got] = await sim!.smtp!.waitForMessages(1);
    expect(got.rcptTo).toEqual([sub.email]);
    expect(readMessage(got.raw).text).toBe('ありがとうございました。\n担当：佐藤 花子');

    await waitFor(() => storedOfType('reply_sent', sub.id).length === 1, 10_000);
    const types = (sim!.storedEvents() as { type: string; submission_id: string; staff_id: string }[]).filter((e) => e.submission_id === sub.id).map((e) => `${e.type}:${e.staff_id}`);
    expect(types.filter((t) => t.startsWith('reply_proposed') || t.startsWith('reply_returned') || t.startsWith('reply_approved') || t.startsWith('reply_sent'))).toEqual([
      'reply_proposed:st-001',
      'reply_returned:st-004',
      'reply_proposed:st-001',
      'reply_approved:st-004',
      'reply_sent:st-004',
    ]);
    // The proposer's draft is done once the reply is out.
    await staff.s.runner.syncNow();
    c = await staff.call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.draft).toBeNull();
    expect(c.proposal).toBeNull();
  });

  it('an approved reply the relay refuses, cancelled by the approver, goes back to its author with the reason', async () => {
    await simulator();
    const staff = await workstation('sato', { managedMail: { replyApproval: true } });
    const boss = await workstation('tanaka', { managedMail: { replyApproval: true } });
    const sub = replyable(staff.s);
    await staff.call('mail:claim', { submissionId: sub.id });
    const { draftId } = (await staff.call<SendOutcome>('mail:send', { submissionId: sub.id, subject: '件名', body: '本文' })) as { draftId: string };
    await staff.s.runner.syncNow();
    await boss.s.runner.syncNow();
    sim!.smtp!.setFaults({ refuseNext: 1, refuseCode: 550, refuseMessage: '5.1.1 Mailbox does not exist' });
    const { item } = (await boss.call<SendOutcome>('mail:approve', { submissionId: sub.id, draftId })) as { item: OutboxItem };
    await waitFor(async () => (await boss.call<OutboxItem[]>('mail:outbox', { states: ['failed'] })).length === 1, 10_000);
    await boss.call('mail:cancel', { id: item.id });
    await boss.s.runner.syncNow();
    await staff.s.runner.syncNow();
    const c = await staff.call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.proposal).toMatchObject({ state: 'returned', comment: 'Not sent: 550 5.1.1 Mailbox does not exist' });
    expect(c.blocked?.code).not.toBe('awaiting_approval');
    expect(storedOfType('reply_sent', sub.id)).toEqual([]);
  });

  it('a supervisor’s own reply goes out without approval; the managed setting cannot be changed by an admin', async () => {
    await simulator();
    const boss = await workstation('tanaka', { managedMail: { replyApproval: true } });
    const sub = replyable(boss.s);
    expect((await boss.call<ComposerState>('mail:composer', { submissionId: sub.id })).approvalRequired).toBe(false);
    await boss.call('mail:claim', { submissionId: sub.id });
    expect((await boss.call<SendOutcome>('mail:send', { submissionId: sub.id, subject: 'Re', body: 'ありがとうございました。' })).outcome).toBe('queued');
    await sim!.smtp!.waitForMessages(1);

    const admin = await workstation('ito', { managedMail: { replyApproval: true } });
    const v = await admin.call<MailSettingsView>('mail:settings');
    expect(v).toMatchObject({ replyApproval: true, replyApprovalLocked: true });
    const after = await admin.call<MailSettingsView>('mail:setSettings', { ...v, replyApproval: false });
    expect(after.replyApproval).toBe(true);
  });
});

describe('the outbox when the relay refuses', () => {
  it('5xx: the message fails with the relay’s reason, the draft comes back for editing, and the edited reply goes under a new Message-ID', async () => {
    await simulator();
    const { s, call } = await workstation('sato');
    const sub = replyable(s);
    sim!.smtp!.setFaults({ refuseNext: 1, refuseCode: 554, refuseMessage: '5.7.1 Message content rejected' });
    await call('mail:claim', { submissionId: sub.id });
    const first = (await call<{ item: OutboxItem }>('mail:send', { submissionId: sub.id, subject: '件名', body: '本文' })).item;
    await waitFor(async () => (await call<OutboxItem[]>('mail:outbox', { states: ['failed'] })).length === 1, 10_000);
    const failed = (await call<OutboxItem[]>('mail:outbox', { states: ['failed'] }))[0];
    expect(failed).toMatchObject({ id: first.id, failure: 'rejected', lastError: '554 5.7.1 Message content rejected' });
    let c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.draft).toMatchObject({ state: 'editing', notice: expect.stringContaining('5.7.1 Message content rejected') });
    expect(c.message).toMatchObject({ state: 'failed' });

    const second = (await call<{ item: OutboxItem }>('mail:send', { submissionId: sub.id, subject: '件名', body: '本文（修正）' })).item;
    expect(second.messageId).not.toBe(first.messageId);
    const [got] = await sim!.smtp!.waitForMessages(1);
    expect(readMessage(got.raw).header('message-id')).toBe(second.messageId);
    await waitFor(async () => (await call<OutboxItem[]>('mail:outbox', { states: ['sent'] })).length === 1, 10_000);
    expect((await call<OutboxItem[]>('mail:outbox', { states: ['cancelled'] })).map((i) => i.id)).toEqual([first.id]);
    c = await call<ComposerState>('mail:composer', { submissionId: sub.id });
    expect(c.message).toBeNull();
  });
});

describe('templates and settings, by role', () => {
  it('supervisors keep the office’s templates at the office; staff are refused in main; unknown variables are refused', async () => {
    await simulator();
    const boss = await workstation('tanaka');
    const t = { id: 'tpl-kosodate-ja', name: '子育て支援へのご意見', language: 'ja', subject: '【{{office_name}}】ご意見ありがとうございました', body: '{{received_date}}にいただいた「{{theme}}」についてのご意見…\n{{staff_name}}' };
    const saved = await boss.call<ReplyTemplate>('mail:putTemplate', t);
    expect(saved).toMatchObject({ id: t.id, name: t.name, updatedAt: expect.any(String) });
    const res = await fetch(`${sim!.url}/v1/templates`, { headers: { authorization: `Bearer ${(boss.s.db.prepare(`SELECT value FROM kv WHERE key = 'session'`).get() as { value: string }).value.match(/"token":"([^"]+)"/)![1]}` } });
    expect(((await res.json()) as { items: { id: string }[] }).items.map((x) => x.id)).toContain(t.id);

    const bad = await failure(boss.call('mail:putTemplate', { ...t, body: '{{citizen_name}} 様' }));
    expect(bad).toMatchObject({ code: 'bad_request', message: 'Unknown variables: {{citizen_name}}.' });

    const staff = await workstation('sato');
    expect((await failure(staff.call('mail:putTemplate', t))).code).toBe('forbidden');
    expect((await failure(staff.call('mail:deleteTemplate', { id: t.id }))).code).toBe('forbidden');
    expect((await staff.call<ReplyTemplate[]>('mail:templates')).map((x) => x.id)).toContain(t.id);

    await boss.call('mail:deleteTemplate', { id: t.id });
    expect((await boss.call<ReplyTemplate[]>('mail:templates')).map((x) => x.id)).not.toContain(t.id);
    expect(listAudit(boss.s.db, 20).map((a) => a.action)).toEqual(expect.arrayContaining(['template_saved', 'template_deleted']));
  });

  it('admins set the relay and the office’s addresses; the password never comes back; a test message goes to the office’s own address', async () => {
    await simulator();
    const admin = await workstation('ito');
    let v = await admin.call<MailSettingsView>('mail:settings');
    expect(v).toMatchObject({ serverSource: 'environment', host: '127.0.0.1', port: sim!.smtp!.port, hasPassword: false, problem: null });
    v = await admin.call<MailSettingsView>('mail:setSettings', {
      host: 'smtp.office.example',
      port: 587,
      security: 'starttls',
      username: 'koe-relay',
      password: 'relay-secret',
      fromAddress: 'kouchou@cao.example.jp',
      fromName: '内閣府 政府広聴室',
      replyTo: 'iken@cao.example.jp',
      officeName: '内閣府 政府広聴室',
      replyApproval: false,
    });
    expect(v).toMatchObject({ hasPassword: true, fromAddress: 'kouchou@cao.example.jp', serverSource: 'environment' });
    expect(JSON.stringify(v)).not.toContain('relay-secret');
    expect((await failure(admin.call('mail:setSettings', { ...v, fromAddress: 'not an address', password: undefined }))).code).toBe('bad_request');
    expect(JSON.parse(listAudit(admin.s.db, 5).find((a) => a.action === 'mail_settings_changed')!.detail)).toEqual({ fields: expect.arrayContaining(['password', 'fromAddress']) });
    expect(JSON.stringify(listAudit(admin.s.db, 50))).not.toContain('relay-secret');

    const test = await admin.call<{ to: string; messageId: string }>('mail:sendTest');
    expect(test.to).toBe('iken@cao.example.jp');
    const [got] = await sim!.smtp!.waitForMessages(1);
    expect(got.rcptTo).toEqual(['iken@cao.example.jp']);
    expect(readMessage(got.raw).decoded('from')).toBe('内閣府 政府広聴室 <kouchou@cao.example.jp>');
    expect(readMessage(got.raw).header('message-id')).toBe(test.messageId);

    const staff = await workstation('sato');
    expect((await failure(staff.call('mail:settings'))).code).toBe('forbidden');
    expect((await failure(staff.call('mail:sendTest'))).code).toBe('forbidden');
  });
});
