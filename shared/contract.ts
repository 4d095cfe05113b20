// Every IPC call between the renderer and main: name → input schema → output type.
// Main registers a handler for each (validated there), the preload exposes exactly these names,
// and the renderer's client is typed from this object. Mechanics in contract-kit.ts.
import { z } from 'zod';
import { call, none, type ClientApi } from './contract-kit.js';
import { submissionId } from './office-api.js';
import { mailCalls } from './contract-mail.js';
import { transfersCalls } from './contract-transfers.js';
import { reportsCalls } from './contract-reports.js';
import { safetyCalls } from './contract-safety.js';
import { adminCalls } from './contract-admin.js';
import {
  actionTarget,
  inboxFilter,
  inboxQuery,
  savedView,
  triageAction,
  type InboxPage,
  type InboxRow,
  type Language,
  type ReferenceData,
  type SavedView,
  type SubmissionDetail,
  type SyncStatus,
} from './domain.js';


export interface SessionInfo {
  signedIn: boolean;
  staff: { id: string; name: string; role: 'staff' | 'supervisor' | 'admin' } | null;
  /** True when talking to the built-in simulator (demo data). */
  demo: boolean;
  /** The server asked us to sign in again; what is on screen stays. */
  expired: boolean;
}
export interface AppInfo {
  version: string;
  demo: boolean;
  language: Language;
  timeZone: 'Asia/Tokyo';
}
export interface TagCount {
  tag: string;
  count: number;
}
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export const contract = {
  'app:info': call(none, { public: true }).returns<AppInfo>(),
  'settings:setLanguage': call(z.object({ language: z.enum(['ja', 'en']) }), { public: true }).returns<void>(),

  'session:get': call(none, { public: true }).returns<SessionInfo>(),
  'session:signIn': call(
    z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(500), remember: z.boolean().default(false) }),
    { public: true },
  ).returns<SessionInfo>(),
  'session:signOut': call(none).returns<void>(),

  'reference:get': call(none).returns<ReferenceData>(),

  'inbox:list': call(inboxQuery).returns<InboxPage>(),
  'inbox:count': call(z.object({ filter: inboxFilter.default({}) })).returns<{ count: number }>(),
  /** Marks everything currently in the inbox as seen, for the "new since last look" highlight. */
  'inbox:markSeen': call(none).returns<void>(),

  'submission:get': call(z.object({ id: submissionId })).returns<SubmissionDetail>(),
  /** Returns the unmasked email address; each call is written to the audit log. */
  'submission:revealEmail': call(z.object({ id: submissionId })).returns<{ email: string }>(),
  'submission:similar': call(z.object({ id: submissionId, limit: z.number().int().min(1).max(500).default(100) })).returns<{ groupId: string | null; items: InboxRow[]; total: number }>(),

  /** One staff action applied to listed ids or to everything matching a filter. */
  'triage:act': call(z.object({ target: actionTarget, action: triageAction })).returns<{ count: number }>(),
  'tags:list': call(none).returns<TagCount[]>(),

  'views:list': call(none).returns<SavedView[]>(),
  'views:save': call(savedView.extend({ id: z.string().max(64).optional() })).returns<SavedView>(),
  'views:delete': call(z.object({ id: z.string().min(1).max(64) })).returns<void>(),

  'sync:status': call(none).returns<SyncStatus>(),
  'sync:now': call(none).returns<void>(),

  'audit:list': call(z.object({ limit: z.number().int().min(1).max(1000).default(200) }), { role: 'supervisor' }).returns<AuditEntry[]>(),
  'quarantine:count': call(none, { role: 'admin' }).returns<{ count: number }>(),

  // Each domain declares its calls in a file of its own.
  ...mailCalls,
  ...transfersCalls,
  ...reportsCalls,
  ...safetyCalls,
  ...adminCalls,
};

export type KoeContract = typeof contract;
export type CallName = keyof KoeContract;
export const CALL_NAMES = Object.keys(contract) as CallName[];
export type KoeApi = ClientApi<KoeContract>;

/** What main announces on the change channel; the renderer invalidates matching queries. */
export type ChangeTopic = 'submissions' | 'triage' | 'sync' | 'outbox' | 'views' | 'session' | 'settings' | 'reference' | 'audit' | 'transfers' | 'reports';
export type ChangeEvent = { topics: ChangeTopic[] };
