// The suppression threshold publication exports use: the setting suppressionThreshold as the
// settings screen shows it — IT's managed policy first, then the value saved on this workstation
// (kv `user_settings`), then the default (5). A supervisor may ask for a stricter threshold for
// one export, never a weaker one. The policy is read once per process, as the app reads it.
import type { Db } from '../store/db.js';
import { readUserSettings } from '../settings/user-settings.js';
import type { Policy } from '../policy/policy-definition.js';
import { readManagedPolicy } from '../policy/read-policy.js';
import { resolveSettings } from '../policy/resolve-settings.js';

export interface ThresholdSetting {
  value: number;
  /** True when a managed policy sets it (the settings screen shows it locked). */
  locked: boolean;
}

let policy: Promise<Policy> | null = null;
const machinePolicy = () => (policy ??= readManagedPolicy({ platform: process.platform, log: { warn: () => undefined } }));

export function resolveThreshold(p: Policy, db: Db): ThresholdSetting {
  const s = resolveSettings(p, readUserSettings(db)).suppressionThreshold;
  return { value: s.value, locked: s.locked };
}

export async function thresholdSetting(db: Db, readPolicy: () => Promise<Policy> = machinePolicy): Promise<ThresholdSetting> {
  return resolveThreshold(await readPolicy(), db);
}

/** The threshold for one export: the setting, or the stricter one asked for. */
export function effectiveThreshold(setting: number, requested: number | undefined): number {
  return Math.max(setting, requested ?? setting);
}
