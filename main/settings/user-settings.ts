// The settings a workstation's administrator changes on the settings screen. A managed policy
// still beats them (resolve-settings.ts); here they are checked, saved in the encrypted store
// (kv `user_settings`) and read back. Only the settings that take effect at once are changed
// here: the sync interval, retention and the publication threshold. The mail relay and reply
// approval have their own screen (Mail settings); the office API URL, updates and the rest are
// IT's, through the policy.
import { KoeError } from '../../shared/contract-kit.js';
import type { SettingValue } from '../../shared/contract-admin.js';
import { SETTINGS, type Policy, type SettingName } from '../policy/policy-definition.js';
import { resolveSettings, type ResolvedSettings } from '../policy/resolve-settings.js';
import type { Db } from '../store/db.js';
import { kvGetJson, kvSetJson } from '../store/statements.js';

/** Where the user's own choices are kept. */
export const USER_SETTINGS_KEY = 'user_settings';

/** The settings the settings screen changes; each takes effect without a restart. */
export const EDITABLE_SETTINGS: ReadonlySet<SettingName> = new Set<SettingName>(['syncIntervalMinutes', 'retentionDays', 'suppressionThreshold']);

/** A policy that sets nothing: the harness, the CLI and tests, where no IT policy applies. */
export const NO_POLICY: Policy = { source: null, values: {}, invalid: [] };

/** What the store holds; anything that is not an object (a damaged value) counts as nothing saved. */
export function readUserSettings(db: Db): Record<string, unknown> {
  const stored = kvGetJson<unknown>(db, USER_SETTINGS_KEY);
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
}

export function effectiveSettings(db: Db, policy: Policy): ResolvedSettings {
  return resolveSettings(policy, readUserSettings(db));
}

/** Whether the settings screen may change `name` now (a policy that names it locks it). */
export function isEditable(name: SettingName, policy: Policy): boolean {
  return EDITABLE_SETTINGS.has(name) && SETTINGS[name].userSettable && !Object.hasOwn(policy.values, name) && !policy.invalid.includes(name);
}

/**
 * Saves the user's value for one setting (null: back to the default) and returns the old and
 * new effective values. Refuses a setting it does not change, one the policy locks, and a
 * value the setting's schema refuses; what was saved before is then left as it was.
 */
export function setUserSetting(db: Db, policy: Policy, name: string, value: SettingValue): { from: SettingValue; to: SettingValue } {
  if (!Object.hasOwn(SETTINGS, name)) throw new KoeError('bad_request', `There is no setting called "${name.slice(0, 64)}".`);
  const setting = name as SettingName;
  if (Object.hasOwn(policy.values, setting) || policy.invalid.includes(setting)) {
    throw new KoeError('forbidden', `"${SETTINGS[setting].title.en}" is set by the organisation's policy (${policy.source ?? 'policy'}) and cannot be changed here.`);
  }
  if (!isEditable(setting, policy)) {
    throw new KoeError('forbidden', `"${SETTINGS[setting].title.en}" is not changed on this screen.`);
  }
  const from = effectiveSettings(db, policy)[setting].value as SettingValue;
  const saved = { ...readUserSettings(db) };
  if (value === null) {
    delete saved[setting];
  } else {
    const parsed = SETTINGS[setting].schema.safeParse(value);
    if (!parsed.success) {
      throw new KoeError('bad_request', `"${SETTINGS[setting].title.en}": ${parsed.error.issues[0]?.message ?? 'not a valid value'}.`);
    }
    saved[setting] = parsed.data;
  }
  kvSetJson(db, USER_SETTINGS_KEY, saved);
  return { from, to: effectiveSettings(db, policy)[setting].value as SettingValue };
}
