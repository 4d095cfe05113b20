// Koe's domain: what the workspace shows and what staff do. Plain TypeScript + zod.
import { z } from 'zod';
import { submissionId } from './office-api.js';

export type Channel = 'form' | 'email';
/** Known statuses; a status from the server that is none of these is shown raw. */
export type Status = 'new' | 'in_progress' | 'done' | 'spam' | (string & {});

export interface TransferMark {
  ministry: string;
  note: string | null;
}
export interface ReplyRecord {
  messageId: string;
  subject: string;
  body: string;
  sentAt: string;
  staffId: string | null;
  draftId: string | null;
}
export interface ReplyClaim {
  holder: string | null;
  /** ISO time the claim lapses (15 minutes after it was made). */
  until: string;
}
export interface NoteRecord {
  text: string;
  staffId: string | null;
  at: string;
  pending: boolean;
}

/** The triage state of one submission: the fold of its events. */
export interface TriageState {
  status: Status;
  tags: string[];
  assignee: string | null;
  notes: NoteRecord[];
  transferMarks: TransferMark[];
  replies: ReplyRecord[];
  claim: ReplyClaim | null;
  proposals: { draftId: string; subject: string; body: string; staffId: string | null; state: 'proposed' | 'approved' | 'returned'; comment: string | null }[];
}

/** One row of the inbox list: enough to render the row, never the email address. */
export interface InboxRow {
  id: string;
  receivedAt: string;
  channel: Channel;
  category: string;
  theme: string | null;
  ageBand: string | null;
  subject: string | null;
  excerpt: string;
  language: string | null;
  status: Status;
  tags: string[];
  assignee: string | null;
  transferMarks: string[];
  /** Ministries that sent it back while it is still marked for them: re-route it. */
  returnedBy: { ministry: string; reason: string | null }[];
  repliesCount: number;
  notesCount: number;
  /** True when the item arrived or changed since the user last looked at the inbox. */
  isNew: boolean;
  /** Near-duplicate group (campaign) id and its size; null when the item stands alone. */
  groupId: string | null;
  groupSize: number;
  /** True while a local action on it waits to be pushed. */
  pending: boolean;
}

export interface HistoryEntry {
  eventId: string;
  seq: number | null;
  type: string;
  payload: Record<string, unknown>;
  staffId: string | null;
  at: string;
  pending: boolean;
}

export interface SubmissionDetail extends InboxRow {
  body: string;
  /** Masked (`s••••@example.jp`) unless revealed; null when the citizen gave none. */
  emailMasked: string | null;
  hasEmail: boolean;
  emailValid: boolean;
  triage: TriageState;
  history: HistoryEntry[];
}

export const STATUS_VALUES = ['new', 'in_progress', 'done', 'spam'] as const;

export const SORTS = ['received_desc', 'received_asc'] as const;
export const inboxFilter = z.object({
  status: z.array(z.string().min(1).max(40)).max(20).optional(),
  category: z.array(z.string().min(1).max(100)).max(50).optional(),
  theme: z.array(z.string().min(1).max(100)).max(50).optional(),
  tag: z.array(z.string().min(1).max(40)).max(20).optional(),
  ageBand: z.array(z.string().min(1).max(100)).max(50).optional(),
  channel: z.array(z.enum(['form', 'email'])).max(2).optional(),
  /** Staff ids; the literal "me" means the signed-in staff member; "none" means unassigned. */
  assignee: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Ministry codes marked for transfer; "any" means marked for at least one. */
  ministry: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Sent back by a ministry it is still marked for (see transfers). */
  returned: z.boolean().optional(),
  /** Inclusive dates, YYYY-MM-DD in Asia/Tokyo. */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  search: z.string().max(200).optional(),
  hasReply: z.boolean().optional(),
  /** Members of one near-duplicate group. */
  groupId: z.string().min(1).max(100).optional(),
});
export type InboxFilter = z.infer<typeof inboxFilter>;

export const inboxQuery = z.object({
  filter: inboxFilter.default({}),
  sort: z.enum(SORTS).default('received_desc'),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type InboxQuery = z.input<typeof inboxQuery>;

export interface InboxPage {
  items: InboxRow[];
  nextCursor: string | null;
  /** True while the search index is still being built: search results may be incomplete. */
  indexing: boolean;
}

/** A staff action on one or many submissions. */
export const triageAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status_set'), status: z.enum(STATUS_VALUES) }),
  z.object({ type: z.literal('tag_added'), tag: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal('tag_removed'), tag: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal('assigned'), staffId: z.string().min(1).max(100).nullable() }),
  z.object({ type: z.literal('note_added'), text: z.string().trim().min(1).max(5000) }),
  z.object({ type: z.literal('transfer_marked'), ministry: z.string().min(1).max(100), note: z.string().max(2000).nullable().default(null) }),
  z.object({ type: z.literal('transfer_unmarked'), ministry: z.string().min(1).max(100) }),
]);
export type TriageAction = z.infer<typeof triageAction>;

/** Which submissions an action applies to: listed ids, or everything matching a filter. */
export const actionTarget = z.union([
  z.object({ ids: z.array(submissionId).min(1).max(100_000) }),
  z.object({ filter: inboxFilter }),
]);
export type ActionTarget = z.infer<typeof actionTarget>;

export type SyncPhase = 'idle' | 'signing_in' | 'reference' | 'submissions' | 'events' | 'transfers' | 'pushing' | 'indexing' | 'done' | 'failed';
/**
 * offline: no connection to the office; server: the office answered with errors every try;
 * session: the session ended; refused: the office refused a request (4xx); contract: an answer
 * that does not fit the contract; store: the local database cannot be written; other.
 */
export type SyncErrorCode = 'offline' | 'server' | 'session' | 'refused' | 'contract' | 'store' | 'other';

export interface SyncStatus {
  phase: SyncPhase;
  running: boolean;
  itemsDone: number;
  itemsExpected: number | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** What kind of failure lastError is, for a message in the user's language (the text is main's, for IT). */
  lastErrorCode: SyncErrorCode | null;
  offline: boolean;
  /** Staff actions (events) not yet stored by the office. */
  pendingOutbox: number;
  /** Transfers queued and not yet stored by the office (a refused one is not waiting: it needs the user). */
  pendingTransfers: number;
  /** Replies queued or being handed to the mail relay. */
  pendingReplies: number;
  quarantined: number;
  /** Rows still waiting for the search index. */
  indexPending: number;
}

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  active: boolean;
}
export interface LabelledCode {
  code: string;
  labelJa: string;
  labelEn: string;
}
export interface Ministry {
  code: string;
  nameJa: string;
  nameEn: string;
  active: boolean;
}
export interface ReferenceData {
  version: string | null;
  categories: LabelledCode[];
  themes: LabelledCode[];
  ageBands: LabelledCode[];
  ministries: Ministry[];
  staff: StaffMember[];
}

export const savedView = z.object({
  name: z.string().trim().min(1).max(80),
  filter: inboxFilter,
  sort: z.enum(SORTS).default('received_desc'),
});
export type SavedView = z.infer<typeof savedView> & { id: string; builtIn: boolean };

export type Language = 'ja' | 'en';
