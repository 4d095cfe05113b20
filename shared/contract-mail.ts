// The mail calls of the IPC contract (spread into contract.ts). See contract-kit.ts for how a call is declared.
// Replying to a citizen by email: the composer (draft, preview, claim, send), the outbox of
// messages on their way to the office's relay, the shared reply templates, the supervisors'
// approval queue and the relay settings. The recipient is never an input: main always takes
// the address the citizen gave with that submission.
import { z } from 'zod';
import { call, none } from './contract-kit.js';
import { submissionId } from './office-api.js';

/** The variables a reply template may use, filled from the submission, the sender and the settings. */
export const TEMPLATE_VARIABLES = ['received_date', 'theme', 'category', 'staff_name', 'office_name', 'submission_id'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const REPLY_LANGUAGES = ['ja', 'en'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/** STARTTLS on the submission port, or TLS from the first byte (smtps). There is no plaintext choice. */
export const SMTP_SECURITY = ['starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const SUBJECT_MAX = 998;
export const BODY_MAX = 50_000;

/** A placeholder that cannot be filled: sending is blocked until it is replaced. */
export interface TemplateProblem {
  variable: string;
  /** unknown: not a variable Koe knows; unfilled: known, but this submission has no value for it. */
  kind: 'unknown' | 'unfilled';
  where: 'subject' | 'body';
}

export type DraftState = 'editing' | 'proposed' | 'queued' | 'sent';
export interface ReplyDraft {
  /** The draft id the approval events carry. */
  id: string;
  submissionId: string;
  subject: string;
  body: string;
  templateId: string | null;
  language: ReplyLanguage;
  state: DraftState;
  /** Why the relay refused the last attempt, or a supervisor's comment on returning it. */
  notice: string | null;
  updatedAt: string;
}

export interface ClaimView {
  holder: string | null;
  holderName: string | null;
  /** When the claim lapses (15 minutes after it was made). */
  until: string;
  mine: boolean;
}

/** Why Reply (or Send) is not possible right now; `message` is ready to show. */
export type ReplyBlock =
  | 'no_email'
  | 'invalid_email'
  | 'claimed_by_other'
  | 'not_claimed'
  | 'awaiting_approval'
  | 'in_outbox'
  | 'mail_not_configured';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';
export interface OutboxItem {
  id: string;
  submissionId: string;
  draftId: string;
  messageId: string;
  state: OutboxState;
  /** For a failed message: the relay refused this message (`rejected`, edit and send again) or
   * the relay settings are wrong (`settings`, fix them and retry). */
  failure: 'rejected' | 'settings' | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  subject: string;
  toMasked: string;
  staffId: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ProposalView {
  draftId: string;
  state: 'proposed' | 'approved' | 'returned';
  staffId: string | null;
  staffName: string | null;
  comment: string | null;
  mine: boolean;
}

export interface ComposerState {
  submissionId: string;
  /** The language a new reply starts in (the citizen's, when it is one Koe has templates for). */
  language: ReplyLanguage;
  recipient: { masked: string | null; valid: boolean };
  claim: ClaimView | null;
  draft: ReplyDraft | null;
  /** True when this user's replies go to a supervisor first. */
  approvalRequired: boolean;
  proposal: ProposalView | null;
  /** The latest message for this submission that is not yet sent or was refused. */
  message: OutboxItem | null;
  /** Null when the reply can be written and sent; else why not. */
  blocked: { code: ReplyBlock; message: string } | null;
}

export interface ReplyPreview {
  from: string;
  replyTo: string | null;
  toMasked: string | null;
  subject: string;
  body: string;
  problems: TemplateProblem[];
}

export type SendOutcome = { outcome: 'queued'; item: OutboxItem } | { outcome: 'proposed'; draftId: string };

export interface ReplyTemplate {
  id: string;
  name: string;
  language: string;
  subject: string;
  body: string;
  updatedAt: string | null;
}

export interface ApprovalItem {
  submissionId: string;
  draftId: string;
  subject: string;
  body: string;
  staffId: string | null;
  staffName: string | null;
  proposedAt: string;
  receivedAt: string;
  excerpt: string;
  toMasked: string | null;
  recipientValid: boolean;
}

export interface MailSettingsView {
  host: string | null;
  port: number | null;
  security: SmtpSecurity;
  username: string | null;
  /** The password itself never leaves main. */
  hasPassword: boolean;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  officeName: string | null;
  /** Where the relay's host, port and security come from; a policy or KOE_SMTP_URL beats these settings. */
  serverSource: 'policy' | 'environment' | 'settings' | 'none';
  replyApproval: boolean;
  replyApprovalLocked: boolean;
  /** Null when replies can go out; else what is missing. */
  problem: string | null;
}

const templateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a template id is 1 to 64 of A-Z a-z 0-9 _ -');
const subject = z.string().max(SUBJECT_MAX);
const body = z.string().max(BODY_MAX);
const outboxId = z.string().min(1).max(64);
const optionalText = (max: number) => z.string().trim().max(max).nullable().transform((v) => (v === '' ? null : v));

export const templateInput = z.object({
  id: templateId,
  name: z.string().trim().min(1).max(200),
  language: z.enum(REPLY_LANGUAGES),
  subject,
  body: body.min(1),
});

export const mailSettingsInput = z.object({
  host: optionalText(255),
  port: z.number().int().min(1).max(65535).nullable(),
  security: z.enum(SMTP_SECURITY),
  username: optionalText(320),
  /** Absent keeps the stored password; null clears it. */
  password: z.string().max(1000).nullable().optional(),
  fromAddress: optionalText(254),
  fromName: optionalText(200),
  replyTo: optionalText(254),
  officeName: optionalText(200),
  replyApproval: z.boolean(),
});
export type MailSettingsInput = z.input<typeof mailSettingsInput>;

export const mailCalls = {
  /** Everything the composer shows for one submission; makes no network call. */
  'mail:composer': call(z.object({ submissionId })).returns<ComposerState>(),
  /** Saves the draft as the user types (encrypted, in the database). */
  'mail:saveDraft': call(
    // templateId and language absent: kept as they were.
    z.object({ submissionId, subject, body, templateId: templateId.nullable().optional(), language: z.enum(REPLY_LANGUAGES).optional() }),
  ).returns<ReplyDraft>(),
  /** What will go out, with every placeholder filled, and the placeholders that cannot be. */
  'mail:preview': call(z.object({ submissionId, subject: subject.optional(), body: body.optional() })).returns<ReplyPreview>(),
  /** Claims the reply at the office API at once (not queued): a conflict names the holder. */
  'mail:claim': call(z.object({ submissionId })).returns<ClaimView>(),
  /** Closes the composer: releases the claim; the draft is kept unless discarded. */
  'mail:release': call(z.object({ submissionId, discardDraft: z.boolean().default(false) })).returns<void>(),
  /** Sends the reply as written (or, when approval is required, proposes it to a supervisor). */
  'mail:send': call(z.object({ submissionId, subject, body })).returns<SendOutcome>(),

  'mail:outbox': call(
    z.object({ states: z.array(z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled'])).max(5).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  ).returns<OutboxItem[]>(),
  'mail:retry': call(z.object({ id: outboxId })).returns<OutboxItem>(),
  'mail:cancel': call(z.object({ id: outboxId })).returns<OutboxItem>(),

  'mail:templates': call(none).returns<ReplyTemplate[]>(),
  'mail:putTemplate': call(templateInput, { role: 'supervisor' }).returns<ReplyTemplate>(),
  'mail:deleteTemplate': call(z.object({ id: templateId }), { role: 'supervisor' }).returns<void>(),

  /** Replies waiting for a supervisor's approval. */
  'mail:approvals': call(none, { role: 'supervisor' }).returns<ApprovalItem[]>(),
  /** Approves a proposed reply; this workstation then sends it. */
  'mail:approve': call(z.object({ submissionId, draftId: z.string().min(1).max(64), comment: z.string().trim().max(2000).default('') }), { role: 'supervisor' }).returns<SendOutcome>(),
  'mail:return': call(z.object({ submissionId, draftId: z.string().min(1).max(64), comment: z.string().trim().min(1).max(2000) }), { role: 'supervisor' }).returns<void>(),

  'mail:settings': call(none, { role: 'admin' }).returns<MailSettingsView>(),
  'mail:setSettings': call(mailSettingsInput, { role: 'admin' }).returns<MailSettingsView>(),
  /** A fixed test message to the office's own reply address (never to a typed address). */
  'mail:sendTest': call(none, { role: 'admin' }).returns<{ to: string; messageId: string; response: string }>(),
};
