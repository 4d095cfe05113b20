// The transfers calls of the IPC contract (spread into contract.ts). See contract-kit.ts for how a call is declared.
//
// Staff mark opinions for the ministries concerned (through `triage:act`), review what is marked
// and not yet transferred, ministry by ministry, and send it as a transfer; ministries accept or
// return it. These calls read that state, send, track, and export the record for the file.
import { z } from 'zod';
import { call, none } from './contract-kit.js';
import { actionTarget } from './domain.js';
import { submissionId } from './office-api.js';

/** The office API takes at most this many submissions in one transfer; bigger batches are split. */
export const MAX_TRANSFER_ITEMS = 500;

const transferId = z.string().min(1).max(100);
const ministryCode = z.string().min(1).max(100);

/** Why an opinion is back: the latest return from that ministry. */
export interface ReturnInfo {
  transferId: string;
  reason: string | null;
  /** When the ministry sent it back (the transfer's updated_at). */
  at: string;
}

/** A marked opinion not yet transferred to the ministry of its group. */
export interface PendingItem {
  id: string;
  receivedAt: string;
  category: string;
  theme: string | null;
  excerpt: string;
  /** The note given when it was marked for this ministry. */
  note: string | null;
  /** Set when this ministry sent it back and it is still marked for it (re-route or resend). */
  returned: ReturnInfo | null;
}

export interface PendingGroup {
  ministry: string;
  /** False for an inactive or unknown ministry: nothing can be sent to it; re-route instead. */
  sendable: boolean;
  items: PendingItem[];
}

/** A transfer waiting in this workstation's outbox, or refused by the office. */
export interface QueuedTransfer {
  id: string;
  /** One send split into parts of at most 500 shares a batch id. */
  batchId: string;
  part: number;
  parts: number;
  ministry: string;
  submissionIds: string[];
  note: string;
  includeContact: boolean;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  /** Set when the office refused it (422 invalid_transfer or another 4xx): nothing was stored. */
  refused: {
    code: string;
    message: string;
    /** Unknown or deleted submissions the office named; dropped on resend. */
    submissionIds: string[];
    /** The ministry itself was refused (inactive or unknown): the batch cannot be resent. */
    ministry: boolean;
  } | null;
}

/** Known statuses; a status from the server that is none of these is shown raw. */
export type TransferStatus = 'submitted' | 'accepted' | 'returned' | (string & {});

/** A transfer as the office knows it (from POST /v1/transfers and the transfers feed). */
export interface TransferSummary {
  id: string;
  ministry: string;
  submissionIds: string[];
  note: string;
  includeContact: boolean;
  status: TransferStatus;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One line of a submission's transfer history. */
export interface SubmissionTransfer {
  transferId: string;
  ministry: string;
  /** The office's status, or `queued` / `refused` while it is still in this workstation's outbox. */
  status: TransferStatus | 'queued' | 'refused';
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ThemeMinistry {
  theme: string;
  ministry: string;
}

export interface MinistrySuggestion {
  ministry: string;
  /** How many of the targeted opinions have a theme that suggests it. */
  count: number;
}

export type ExportFormat = 'csv' | 'pdf';
/**
 * In the app, main asks where to save with the system's dialog and writes the file itself: no
 * path ever comes from the renderer, and no bytes go back. In the browser harness there is no
 * dialog: the bytes come back (base64) for the page to offer as a download.
 */
export type ExportResult =
  | { outcome: 'saved'; fileName: string }
  | { outcome: 'cancelled'; fileName: string }
  | { outcome: 'download'; fileName: string; mime: string; base64: string };

export const sendTransferInput = z
  .object({
    ministry: ministryCode,
    /** The batch as reviewed: the pending items the user kept. */
    submissionIds: z.array(submissionId).min(1).max(100_000),
    note: z.string().max(2000).default(''),
    includeContact: z.boolean().default(false),
    /** Required when includeContact is on; written to the audit log. */
    contactReason: z.string().trim().max(500).optional(),
  })
  .refine((v) => !v.includeContact || (v.contactReason ?? '').length > 0, { message: 'a reason is required to include contact data', path: ['contactReason'] });

export const transfersCalls = {
  /** Marked and not yet transferred, grouped by ministry (everyone's marks). */
  'transfers:pending': call(none).returns<PendingGroup[]>(),
  /** Likely ministries for the targeted opinions, from their themes; staff still choose. */
  'transfers:suggest': call(z.object({ target: actionTarget })).returns<MinistrySuggestion[]>(),
  /** Queues one batch (split into transfers of at most 500) in the durable outbox and pushes it. */
  'transfers:send': call(sendTransferInput).returns<{ transferIds: string[]; count: number; skipped: number }>(),
  /** What this workstation has queued and not yet confirmed, and what the office refused. */
  'transfers:outbox': call(none).returns<QueuedTransfer[]>(),
  /** Resends a refused transfer without the submissions the office named, under a new id. */
  'transfers:resend': call(z.object({ id: transferId })).returns<{ transferId: string | null; dropped: number }>(),
  /** Gives up on a refused transfer; its items count as not transferred again. */
  'transfers:discard': call(z.object({ id: transferId })).returns<void>(),
  /** Every transfer the office knows, newest first, with its status and the ministry's reason. */
  'transfers:list': call(z.object({ limit: z.number().int().min(1).max(10_000).default(1000) })).returns<TransferSummary[]>(),
  /** The transfers one submission was part of, oldest first (queued and refused ones included). */
  'transfers:ofSubmission': call(z.object({ id: submissionId })).returns<SubmissionTransfer[]>(),
  /** The record for the file: a PDF cover sheet or a CSV of the items. */
  // Strict: a path (or anything else) sent along is refused, never used.
  'transfers:export': call(z.object({ id: transferId, format: z.enum(['csv', 'pdf']) }).strict()).returns<ExportResult>(),
  /** The theme → ministry suggestions (defaults, as the admin edited them). */
  'transfers:themeMap': call(none).returns<ThemeMinistry[]>(),
  'transfers:setThemeMinistry': call(
    z.object({ theme: z.string().min(1).max(100), ministry: ministryCode.nullable() }),
    { role: 'admin' },
  ).returns<void>(),
};
