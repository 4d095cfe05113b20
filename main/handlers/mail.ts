// The mail calls: composing a reply (draft, preview, claim, send), the outbox, the office's
// reply templates, supervisors' approvals and the relay settings. The recipient is never taken
// from the caller: it is always the address the citizen gave with that submission.
import { randomUUID } from 'node:crypto';
import { KoeError } from '../../shared/contract-kit.js';
import type { ApprovalItem, ComposerState, mailCalls, ProposalView, ReplyBlock, ReplyTemplate, SendOutcome } from '../../shared/contract-mail.js';
import type { TriageState } from '../../shared/domain.js';
import { isValidEmail, maskEmail } from '../../shared/email.js';
import { wireTemplate } from '../../shared/office-api.js';
import { appendAudit } from '../store/audit.js';
import { stmt } from '../store/statements.js';
import { getSubmission, triageOf, type SubmissionRecord } from '../store/submission-queries.js';
import { ApiError, UnreachableError } from '../sync/client.js';
import { activeClaim } from '../triage/fold.js';
import { enqueueEvent } from '../triage/commands.js';
import { claimReply, claimView, clockTime, releaseReply } from '../mail/claims.js';
import { cachedTemplates, cacheTemplate, renderFor, replyLanguageOf, staffNameOf } from '../mail/compose.js';
import { deleteDraft, openDraft, saveDraft, setDraftState, toDraft, type DraftRow } from '../mail/drafts.js';
import { cancelMessage, liveMessageFor, listOutbox, queueMessage, requeueSettingsFailures, retryMessage, toOutboxItem } from '../mail/outbox.js';
import type { MailService } from '../mail/service.js';
import { messageIdDomain, saveStoredSettings, settingsView } from '../mail/settings.js';
import { classifySmtpError, deliver } from '../mail/smtp.js';
import { describeProblems, unknownVariables } from '../mail/templates.js';
import { requireStaff, type HandlerGroup, type ServiceState, type Staff } from './context.js';

type MailCall = keyof typeof mailCalls;

export function mailHandlers(s: ServiceState, mail: MailService): HandlerGroup<MailCall> {
  const submission = (id: string): SubmissionRecord => {
    const r = getSubmission(s.db, id);
    if (!r) throw new KoeError('not_found', `Submission ${id} is not here (it may have been deleted).`);
    return r;
  };
  const changed = () => {
    s.emit(['triage', 'outbox']);
    s.runner.schedulePush();
  };

  /** Why this submission cannot be replied to at all, or null. */
  const recipientBlock = (sub: SubmissionRecord): { code: ReplyBlock; message: string } | null => {
    if (!sub.email) return { code: 'no_email', message: 'This opinion came without an email address, so there is no one to reply to.' };
    if (!isValidEmail(sub.email)) return { code: 'invalid_email', message: 'The address the citizen gave is not a valid email address, so Koe cannot reply to it.' };
    return null;
  };

  /** A proposal someone is waiting on (this submission's reply is in a supervisor's hands). */
  const sentDraft = (t: TriageState, draftId: string) => t.replies.some((r) => r.draftId === draftId);
  const openProposal = (t: TriageState) =>
    [...t.proposals].reverse().find((p) => (p.state === 'proposed' || p.state === 'approved') && !sentDraft(t, p.draftId)) ?? null;

  const proposalView = (p: TriageState['proposals'][number] | null, me: Staff): ProposalView | null =>
    p ? { draftId: p.draftId, state: p.state, staffId: p.staffId, staffName: p.staffId ? staffNameOf(s.db)(p.staffId) : null, comment: p.comment, mine: p.staffId === me.id } : null;

  /** The caller's open draft, tidied: a draft whose reply went out elsewhere (approved and sent) is done. */
  const myDraft = (sub: SubmissionRecord, t: TriageState, me: Staff): DraftRow | null => {
    const d = openDraft(s.db, sub.id, me.id);
    if (d && d.state === 'proposed' && sentDraft(t, d.id)) {
      deleteDraft(s.db, d.id);
      return null;
    }
    return d;
  };

  const isReturned = (t: TriageState, d: DraftRow | null) => d !== null && t.proposals.some((p) => p.draftId === d.id && p.state === 'returned');

  const composer = (submissionId: string): ComposerState => {
    const me = requireStaff(s);
    const sub = submission(submissionId);
    const t = triageOf(sub);
    const nameOf = staffNameOf(s.db);
    const eff = mail.effective();
    const draft = myDraft(sub, t, me);
    const claim = claimView(activeClaim(t, new Date()), me.id, nameOf);
    const proposal = openProposal(t);
    const message = liveMessageFor(s.db, sub.id);
    const returned = isReturned(t, draft) ? t.proposals.find((p) => p.draftId === draft!.id) : undefined;
    let blocked = recipientBlock(sub);
    if (!blocked && eff.problem) blocked = { code: 'mail_not_configured', message: eff.problem };
    if (!blocked && message && (message.state === 'queued' || message.state === 'sending')) {
      blocked = { code: 'in_outbox', message: 'This reply is in the outbox on its way to the mail relay.' };
    }
    if (!blocked && proposal) {
      const who = proposal.staffId ? (nameOf(proposal.staffId) ?? proposal.staffId) : 'a staff member';
      blocked = {
        code: 'awaiting_approval',
        message: proposal.state === 'approved' ? `The reply by ${who} has been approved and is being sent.` : `A reply by ${who} is waiting for a supervisor's approval.`,
      };
    }
    if (!blocked && claim && !claim.mine) {
      blocked = { code: 'claimed_by_other', message: `This reply is held by ${claim.holderName ?? claim.holder ?? 'another staff member'} until ${clockTime(claim.until)}.` };
    }
    if (!blocked && !claim) blocked = { code: 'not_claimed', message: 'Open the reply to claim it before sending.' };
    const view = draft ? toDraft(draft) : null;
    if (view && returned) view.notice = returned.comment ? `Returned by a supervisor: ${returned.comment}` : 'Returned by a supervisor.';
    return {
      submissionId: sub.id,
      language: replyLanguageOf(sub),
      recipient: { masked: sub.email ? maskEmail(sub.email) : null, valid: isValidEmail(sub.email) },
      claim,
      draft: view,
      approvalRequired: eff.replyApproval && me.role === 'staff',
      proposal: proposalView(proposal ?? (draft ? (t.proposals.find((p) => p.draftId === draft.id) ?? null) : null), me),
      message: message ? toOutboxItem(message) : null,
      blocked,
    };
  };

  const render = (sub: SubmissionRecord, me: Staff, text: { subject: string; body: string }, language = replyLanguageOf(sub)) =>
    renderFor(s.db, sub, text, { language, staffName: me.name, officeName: mail.effective().officeName });

  /** Fails with the placeholders that still need the user, named. */
  const assertSendable = (rendered: { subject: string; body: string; problems: { variable: string; kind: 'unknown' | 'unfilled'; where: 'subject' | 'body' }[] }) => {
    if (rendered.problems.length) {
      throw new KoeError('bad_request', `The reply cannot be sent yet: ${describeProblems(rendered.problems)}.`, { reason: 'template', problems: rendered.problems });
    }
    if (!rendered.subject.trim()) throw new KoeError('bad_request', 'Write a subject for the reply.', { reason: 'empty_subject' });
    if (!rendered.body.trim()) throw new KoeError('bad_request', 'Write the reply before sending it.', { reason: 'empty_body' });
  };

  const mailReady = () => {
    const eff = mail.effective();
    if (eff.problem || !eff.fromAddress) throw new KoeError('conflict', eff.problem ?? 'The mail relay is not set up.', { reason: 'mail_not_configured' });
    return { ...eff, fromAddress: eff.fromAddress };
  };

  /**
   * Claimed (or renewed) at the office at every send, so a claim that ran out while the user
   * wrote is never sent under. The office decides, not this workstation's possibly older view.
   */
  const ensureClaim = async (sub: SubmissionRecord, me: Staff) => {
    await claimReply(s.db, s.client, sub.id, me, staffNameOf(s.db));
    s.emit(['triage']);
  };

  const templateCall = async (method: 'PUT' | 'DELETE', id: string, body?: unknown) => {
    try {
      return await s.client.request(method, `/v1/templates/${encodeURIComponent(id)}`, { body, schema: method === 'PUT' ? wireTemplate : undefined, maxTries: 3 });
    } catch (err) {
      if (err instanceof UnreachableError) throw new KoeError('offline', 'The office server cannot be reached; templates are kept on the server, so try again when the connection is back.');
      if (err instanceof ApiError && err.status === 403) throw new KoeError('forbidden', 'Only supervisors and admins maintain reply templates.');
      if (err instanceof ApiError && err.status === 401) throw new KoeError('unauthenticated', 'Your session has ended: sign in again.');
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) throw new KoeError('bad_request', `The office refused the template: ${err.message}`);
      throw err;
    }
  };

  return {
    'mail:composer': ({ submissionId }) => composer(submissionId),

    'mail:saveDraft': ({ submissionId, subject, body, templateId, language }) => {
      const me = requireStaff(s);
      const sub = submission(submissionId);
      const t = triageOf(sub);
      const row = s.db.transaction(() => {
        const current = myDraft(sub, t, me);
        return saveDraft(s.db, sub.id, me.id, { subject, body, templateId, language }, { reopen: isReturned(t, current), defaultLanguage: replyLanguageOf(sub) });
      }).immediate();
      return toDraft(row);
    },

    'mail:preview': ({ submissionId, subject, body }) => {
      const me = requireStaff(s);
      const sub = submission(submissionId);
      const draft = openDraft(s.db, sub.id, me.id);
      const eff = mail.effective();
      const language = draft?.language === 'en' ? 'en' : draft ? 'ja' : replyLanguageOf(sub);
      const rendered = render(sub, me, { subject: subject ?? draft?.subject ?? '', body: body ?? draft?.body ?? '' }, language);
      return {
        from: eff.fromAddress ? (eff.fromName ? `${eff.fromName} <${eff.fromAddress}>` : eff.fromAddress) : '',
        replyTo: eff.replyTo,
        toMasked: sub.email ? maskEmail(sub.email) : null,
        subject: rendered.subject,
        body: rendered.body,
        problems: rendered.problems,
      };
    },

    'mail:claim': async ({ submissionId }) => {
      const me = requireStaff(s);
      const sub = submission(submissionId);
      const block = recipientBlock(sub);
      if (block) throw new KoeError('conflict', block.message, { reason: block.code });
      const proposal = openProposal(triageOf(sub));
      if (proposal && proposal.staffId !== me.id) {
        throw new KoeError('conflict', `A reply by ${staffNameOf(s.db)(proposal.staffId ?? '') ?? 'another staff member'} is waiting for a supervisor's approval.`, { reason: 'awaiting_approval' });
      }
      const view = await claimReply(s.db, s.client, sub.id, me, staffNameOf(s.db));
      s.emit(['triage']);
      return view;
    },

    'mail:release': ({ submissionId, discardDraft }) => {
      const me = requireStaff(s);
      const sub = submission(submissionId);
      s.db.transaction(() => {
        releaseReply(s.db, sub.id, me.id);
        const d = openDraft(s.db, sub.id, me.id);
        if (discardDraft && d && d.state === 'editing') deleteDraft(s.db, d.id);
      }).immediate();
      changed();
    },

    'mail:send': async ({ submissionId, subject, body }): Promise<SendOutcome> => {
      const me = requireStaff(s);
      let sub = submission(submissionId);
      const t = triageOf(sub);
      // The text is kept first, whatever happens next.
      const draft = s.db.transaction(() => {
        const current = myDraft(sub, t, me);
        return saveDraft(s.db, sub.id, me.id, { subject, body }, { reopen: isReturned(t, current), defaultLanguage: replyLanguageOf(sub) });
      }).immediate();
      const block = recipientBlock(sub);
      if (block) throw new KoeError('conflict', block.message, { reason: block.code });
      const eff = mailReady();
      const rendered = render(sub, me, draft, draft.language === 'en' ? 'en' : 'ja');
      assertSendable(rendered);
      const proposal = openProposal(t);
      if (proposal && proposal.draftId !== draft.id) {
        throw new KoeError('conflict', "Another reply to this opinion is waiting for a supervisor's approval.", { reason: 'awaiting_approval' });
      }

      if (eff.replyApproval && me.role === 'staff') {
        s.db.transaction(() => {
          setDraftState(s.db, draft.id, 'proposed', null);
          enqueueEvent(s.db, sub.id, 'reply_proposed', { draft_id: draft.id, subject: rendered.subject, body: rendered.body }, me.id);
          // The supervisor claims it when approving; until then nobody else may start a reply.
          releaseReply(s.db, sub.id, me.id);
        }).immediate();
        changed();
        return { outcome: 'proposed', draftId: draft.id };
      }

      await ensureClaim(sub, me);
      sub = submission(submissionId);
      const item = s.db.transaction(() => {
        const row = queueMessage(s.db, {
          submissionId: sub.id,
          draftId: draft.id,
          recipient: sub.email!,
          subject: rendered.subject,
          body: rendered.body,
          fromAddress: eff.fromAddress,
          fromName: eff.fromName,
          replyTo: eff.replyTo,
          staffId: me.id,
          messageIdDomain: messageIdDomain(eff.fromAddress),
        });
        setDraftState(s.db, draft.id, 'queued', null);
        return toOutboxItem(row);
      }).immediate();
      changed();
      mail.sender.kick();
      return { outcome: 'queued', item };
    },

    'mail:outbox': ({ states, limit }) => listOutbox(s.db, states, limit).map(toOutboxItem),
    'mail:retry': ({ id }) => {
      const item = toOutboxItem(retryMessage(s.db, id));
      changed();
      mail.sender.kick();
      return item;
    },
    'mail:cancel': ({ id }) => {
      const me = requireStaff(s);
      const item = s.db.transaction(() => {
        const row = cancelMessage(s.db, id);
        // An approved reply this workstation will not send after all goes back to its author,
        // so the submission is not left waiting on a reply that never leaves.
        const sub = getSubmission(s.db, row.submission_id);
        const approved = sub ? triageOf(sub).proposals.find((p) => p.draftId === row.draft_id && p.state === 'approved') : undefined;
        if (approved && me.role !== 'staff') {
          const why = row.last_error ? `Not sent: ${row.last_error}` : 'Not sent: cancelled by the approver.';
          enqueueEvent(s.db, row.submission_id, 'reply_returned', { draft_id: row.draft_id, comment: why.slice(0, 2000) }, me.id);
        }
        return toOutboxItem(row);
      }).immediate();
      changed();
      return item;
    },

    'mail:templates': () => cachedTemplates(s.db),
    'mail:putTemplate': async (t): Promise<ReplyTemplate> => {
      const staff = requireStaff(s);
      const unknown = unknownVariables(t.subject, t.body);
      if (unknown.length) {
        throw new KoeError('bad_request', `Unknown variables: ${unknown.map((n) => `{{${n}}}`).join(', ')}.`, { reason: 'template', unknown });
      }
      const res = await templateCall('PUT', t.id, { id: t.id, name: t.name, language: t.language, subject: t.subject, body: t.body });
      const saved = wireTemplate.parse(res.data);
      cacheTemplate(s.db, saved);
      appendAudit(s.db, { actor: staff.id, action: 'template_saved', detail: { id: t.id } });
      s.emit(['settings', 'audit']);
      return { id: saved.id, name: saved.name, language: saved.language, subject: saved.subject, body: saved.body, updatedAt: saved.updated_at ?? null };
    },
    'mail:deleteTemplate': async ({ id }) => {
      const staff = requireStaff(s);
      await templateCall('DELETE', id);
      cacheTemplate(s.db, null, id);
      appendAudit(s.db, { actor: staff.id, action: 'template_deleted', detail: { id } });
      s.emit(['settings', 'audit']);
    },

    'mail:approvals': () => {
      const nameOf = staffNameOf(s.db);
      const ids = stmt<[], { submission_id: string }>(
        s.db,
        `SELECT submission_id FROM events WHERE type = 'reply_proposed' UNION SELECT submission_id FROM outbox WHERE type = 'reply_proposed'`,
      ).all();
      const items: ApprovalItem[] = [];
      for (const { submission_id } of ids) {
        const sub = getSubmission(s.db, submission_id);
        if (!sub) continue;
        for (const p of triageOf(sub).proposals) {
          if (p.state !== 'proposed') continue;
          const at =
            stmt<[string, string], { at: string }>(
              s.db,
              `SELECT created_at AS at FROM events WHERE submission_id = ? AND type = 'reply_proposed' AND json_extract(payload, '$.draft_id') = ? ORDER BY seq DESC LIMIT 1`,
            ).get(sub.id, p.draftId)?.at ?? new Date().toISOString();
          items.push({
            submissionId: sub.id,
            draftId: p.draftId,
            subject: p.subject,
            body: p.body,
            staffId: p.staffId,
            staffName: p.staffId ? nameOf(p.staffId) : null,
            proposedAt: at,
            receivedAt: sub.received_at,
            excerpt: Array.from(sub.body).slice(0, 160).join(''),
            toMasked: sub.email ? maskEmail(sub.email) : null,
            recipientValid: isValidEmail(sub.email),
          });
        }
      }
      return items.sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : 1));
    },

    'mail:approve': async ({ submissionId, draftId, comment }): Promise<SendOutcome> => {
      const me = requireStaff(s);
      let sub = submission(submissionId);
      const proposal = triageOf(sub).proposals.find((p) => p.draftId === draftId);
      if (!proposal || proposal.state !== 'proposed') throw new KoeError('conflict', 'That reply is no longer waiting for approval.', { reason: 'not_proposed' });
      const block = recipientBlock(sub);
      if (block) throw new KoeError('conflict', block.message, { reason: block.code });
      const eff = mailReady();
      // What was proposed is what goes out; it was rendered when proposed and must still be whole.
      assertSendable(render(sub, me, { subject: proposal.subject, body: proposal.body }));
      // Two supervisors approving at once: the office's claim lets only one of them send.
      await ensureClaim(sub, me);
      sub = submission(submissionId);
      const item = s.db.transaction(() => {
        enqueueEvent(s.db, sub.id, 'reply_approved', { draft_id: draftId, comment }, me.id);
        return toOutboxItem(
          queueMessage(s.db, {
            submissionId: sub.id,
            draftId,
            recipient: sub.email!,
            subject: proposal.subject,
            body: proposal.body,
            fromAddress: eff.fromAddress,
            fromName: eff.fromName,
            replyTo: eff.replyTo,
            staffId: me.id,
            messageIdDomain: messageIdDomain(eff.fromAddress),
          }),
        );
      }).immediate();
      changed();
      mail.sender.kick();
      return { outcome: 'queued', item };
    },

    'mail:return': ({ submissionId, draftId, comment }) => {
      const me = requireStaff(s);
      const sub = submission(submissionId);
      const proposal = triageOf(sub).proposals.find((p) => p.draftId === draftId);
      if (!proposal || proposal.state !== 'proposed') throw new KoeError('conflict', 'That reply is no longer waiting for approval.', { reason: 'not_proposed' });
      s.db.transaction(() => {
        enqueueEvent(s.db, sub.id, 'reply_returned', { draft_id: draftId, comment }, me.id);
      }).immediate();
      changed();
    },

    'mail:settings': () => settingsView(mail.stored(), mail.effective()),
    'mail:setSettings': (input) => {
      const staff = requireStaff(s);
      if (input.fromAddress && !isValidEmail(input.fromAddress)) throw new KoeError('bad_request', `${input.fromAddress} is not a valid From address.`, { field: 'fromAddress' });
      if (input.replyTo && !isValidEmail(input.replyTo)) throw new KoeError('bad_request', `${input.replyTo} is not a valid Reply-To address.`, { field: 'replyTo' });
      const before = mail.stored();
      const next = {
        host: input.host,
        port: input.port,
        security: input.security,
        username: input.username,
        password: input.password === undefined ? before.password : input.password,
        fromAddress: input.fromAddress,
        fromName: input.fromName,
        replyTo: input.replyTo,
        officeName: input.officeName,
        replyApproval: input.replyApproval,
      };
      const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
      s.db.transaction(() => {
        saveStoredSettings(s.db, next);
        requeueSettingsFailures(s.db);
        // Which settings changed, never their values (the password least of all).
        appendAudit(s.db, { actor: staff.id, action: 'mail_settings_changed', detail: { fields: changedFields } });
      }).immediate();
      s.emit(['settings', 'outbox', 'audit']);
      mail.sender.kick();
      return settingsView(mail.stored(), mail.effective());
    },

    'mail:sendTest': async () => {
      const eff = mailReady();
      if (!eff.relay) throw new KoeError('conflict', 'The mail relay is not set up.', { reason: 'mail_not_configured' });
      const to = eff.replyTo ?? eff.fromAddress;
      const messageId = `<${randomUUID()}@${messageIdDomain(eff.fromAddress)}>`;
      try {
        const d = await deliver(eff.relay, {
          messageId,
          date: new Date().toISOString(),
          fromAddress: eff.fromAddress,
          fromName: eff.fromName,
          replyTo: eff.replyTo,
          recipient: to,
          subject: 'Koe: テストメッセージ / test message',
          body: 'Koe からのテストメッセージです。返信の送信設定が正しく動作しています。\n\nThis is a test message from Koe: the reply settings work.\n',
        });
        return { to, messageId, response: d.response };
      } catch (err) {
        const f = classifySmtpError(err);
        throw new KoeError(f.kind === 'temporary' ? 'offline' : 'conflict', `The test message was not sent: ${f.message}`, { reason: f.kind, responseCode: f.responseCode });
      }
    },
  };
}
