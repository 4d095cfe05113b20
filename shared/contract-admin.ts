// The admin calls of the IPC contract (spread into contract.ts): the About box, the settings
// screen (each setting's value and who decides it), diagnostics to copy for IT, and updates.
// See contract-kit.ts for how a call is declared.
import { z } from 'zod';
import { call, none } from './contract-kit.js';

/**
 * signed: signed (and notarized on macOS) with the office's identity.
 * unsigned: built without signing on purpose, for testing; never for staff.
 * checksum-only: a Linux package; not code-signed, proved by the published SHA-256 sums.
 * development: not packaged (`npm start`, the browser harness).
 */
export type BuildSigning = 'signed' | 'unsigned' | 'checksum-only' | 'development';

export interface BuildFacts {
  appVersion: string;
  signing: BuildSigning;
  /** The fuse profile the package was built with; null when not packaged. */
  fuses: 'release' | 'e2e' | null;
  builtAt: string | null;
  commit: string | null;
  platform: string;
  arch: string;
  electron: string | null;
  chrome: string | null;
  node: string;
}

export type SettingSource = 'policy' | 'user' | 'default';
export type SettingValue = string | number | boolean | null;

export interface SettingRow {
  name: string;
  title: { ja: string; en: string };
  description: { ja: string; en: string };
  value: SettingValue;
  source: SettingSource;
  /** True when a managed policy decides it: the user cannot change it. */
  locked: boolean;
  /** Where the policy that locks it lives (the registry key, the file, the profile domain). */
  lockedBy: string | null;
  /** The policy named this setting with an invalid value: its safe default applies, locked. */
  invalidInPolicy: boolean;
  /** False for settings only IT may set. */
  userSettable: boolean;
  kind: 'string' | 'integer' | 'boolean';
  /** The settings screen can change it now (not locked; one of the settings that apply at once). */
  editable: boolean;
}

/** Why Koe does not update itself on this workstation. */
export type UpdateOffReason =
  | 'development' // not packaged
  | 'unsigned' // an unsigned build cannot prove an update is the office's
  | 'msi' // an MSI install is updated by IT deploying the next MSI
  | 'package-manager' // a deb or rpm install is updated through the system's package manager
  | 'unsupported' // an install Koe cannot update itself (unknown layout)
  | 'policy' // the managed policy turned updates off
  | 'setting' // the setting is off
  | 'no-feed' // IT has not set an update feed (policy updateUrl)
  | 'insecure-feed' // the feed is not https
  | 'no-publisher'; // Windows: no publisher name to check an update's signature against

export type UpdateStatus =
  | { state: 'off'; reason: UpdateOffReason }
  | { state: 'idle' | 'checking' | 'up-to-date' }
  | { state: 'downloading'; version: string; percent: number }
  /** Downloaded and verified (sha512, and the publisher's signature on Windows); shown with what changes before installing. */
  | { state: 'ready'; version: string; releaseDate: string | null; releaseNotes: string }
  | { state: 'error'; message: string };

export type InstallUpdateResult = { started: true } | { started: false; reason: 'not-ready' | 'send-in-flight' };

export interface PolicyFacts {
  /** Where the policy in force was read from; null when there is none. */
  source: string | null;
  /** The settings it sets with a valid value. */
  settings: string[];
  /** The settings it names with an invalid value (logged; their safe defaults apply). */
  invalid: string[];
}

export interface AboutInfo {
  build: BuildFacts;
  policy: PolicyFacts;
  dataDir: string;
  lastSyncAt: string | null;
  updates: UpdateStatus;
}

export const adminCalls = {
  'admin:about': call(none).returns<AboutInfo>(),
  /** Every managed setting: its effective value, where it comes from, and whether it is locked. */
  'admin:settings': call(none).returns<SettingRow[]>(),
  /**
   * Saves this workstation's value for a setting the screen can change (null: back to the
   * default); a policy still beats it. Audited. Answers with every setting as it now stands.
   */
  'admin:setSetting': call(
    z.object({ name: z.string().min(1).max(64), value: z.union([z.string().max(2000), z.number().finite(), z.boolean()]).nullable() }),
    { role: 'admin' },
  ).returns<SettingRow[]>(),
  /** Plain text for IT, built from facts about the installation only: never personal data. */
  'admin:diagnostics': call(none).returns<{ text: string }>(),
  'admin:checkForUpdates': call(none).returns<UpdateStatus>(),
  /** Restarts into the downloaded update, unless a send is in flight (then nothing happens). */
  'admin:installUpdate': call(none).returns<InstallUpdateResult>(),
};
