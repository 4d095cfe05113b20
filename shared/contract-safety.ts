// The safety calls of the IPC contract (spread into contract.ts). See contract-kit.ts for how a call is declared.
// Data safety: the store's health, backups, key rotation, the audit log's integrity, and the
// recovery screen shown when the database cannot be used (damaged file, start-up problem).
import { z } from 'zod';
import { call, none } from './contract-kit.js';

/** Why the database cannot be written (or trusted) right now. */
export type StoreProblemKind = 'disk_full' | 'read_only' | 'io_error' | 'corrupt';
export interface StoreProblem {
  kind: StoreProblemKind;
  /** One plain sentence for the staff member (English; the renderer localises by `kind`). */
  message: string;
  since: string;
}

export interface LocalizedText {
  ja: string;
  en: string;
}

/** A problem that keeps Koe from opening its data, described for the person who must act. */
export type StartupFailureCode =
  | 'keychain_unavailable'
  | 'keychain_plaintext'
  | 'keychain_changed'
  | 'key_unreadable'
  | 'key_missing'
  | 'wrong_key'
  | 'newer_schema'
  | 'corrupt'
  | 'migration_failed'
  | 'settings_corrupt'
  | 'network_share'
  | 'read_only'
  | 'disk_full'
  | 'not_configured'
  | 'unknown';
export interface StartupProblemInfo {
  code: StartupFailureCode;
  title: LocalizedText;
  whatHappened: LocalizedText;
  whatToDo: LocalizedText;
  /** The damaged file can be replaced by a backup or a fresh download (the recovery screen). */
  recoverable: boolean;
}

export interface BackupInfo {
  /** The file's name in the backup folder. */
  name: string;
  createdAt: string;
  bytes: number;
}

/** One staff action not yet confirmed by the office server. */
export interface PendingItem {
  id: string;
  submissionId: string;
  /** The event type: status_set, tag_added, note_added, … */
  action: string;
  /** A short description of the action's value (the status, the tag, the ministry). */
  detail: string;
  madeAt: string | null;
}

export interface SafetyStatus {
  /** ok: all well. degraded: writes fail for now (disk full, read-only). recovery: the file is damaged. blocked: Koe cannot open its data. */
  mode: 'ok' | 'degraded' | 'recovery' | 'blocked';
  store: StoreProblem | null;
  problem: StartupProblemInfo | null;
  latestBackup: BackupInfo | null;
}

export interface RecoveryPlan {
  problem: StartupProblemInfo;
  /** The unsent work read from the damaged file; `readable: false` when it could not be read at all. */
  pending: { readable: boolean; items: PendingItem[] };
  lastSyncAt: string | null;
  latestBackup: (BackupInfo & { pendingItems: number }) | null;
}

export interface RecoveryResult {
  choice: 'restore' | 'resync';
  /** Unsent actions copied into the new database; they are sent at the next sync. */
  carriedOver: number;
  /** Unsent actions that could not be copied: this work is lost. */
  lost: PendingItem[];
  /** Where the damaged file was kept, inside the data folder. */
  keptAs: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  problem: string | null;
}

/** The audit log as CSV: saved where the user chose (the app) or handed to the page (the harness). */
export type AuditExportOutcome = (
  | { outcome: 'saved'; fileName: string }
  | { outcome: 'cancelled'; fileName: string }
  | { outcome: 'download'; fileName: string; mime: string; base64: string }
) & { entries: number };

export const recoveryChoice = z.object({
  choice: z.enum(['restore', 'resync']),
  /** The staff member saw the list of unsent work and confirmed. */
  confirmed: z.literal(true),
});

export const safetyCalls = {
  /** Public: the recovery and start-up screens need it before anyone can sign in. */
  'safety:status': call(none, { public: true }).returns<SafetyStatus>(),
  'safety:recoveryPlan': call(none, { public: true }).returns<RecoveryPlan | null>(),
  /** Only when the database is damaged; the damaged file is kept aside, never deleted. */
  'safety:recover': call(recoveryChoice, { public: true }).returns<RecoveryResult>(),

  'safety:backups': call(none, { role: 'supervisor' }).returns<BackupInfo[]>(),
  'safety:backupNow': call(none).returns<BackupInfo>(),
  'safety:rekey': call(none, { role: 'admin' }).returns<{ ms: number; backupsRekeyed: number }>(),

  'audit:verify': call(none, { role: 'supervisor' }).returns<AuditVerifyResult>(),
  /** The whole audit log as CSV; the export itself is written to the log first. */
  'audit:export': call(none, { role: 'supervisor' }).returns<AuditExportOutcome>(),
};
