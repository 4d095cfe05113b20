// Each setting's effective value: a managed policy beats the user's choice, which beats the
// default. The settings screen shows a locked setting as set by the organisation.
import { SETTING_NAMES, SETTINGS, type Policy, type PolicyLog, type SettingName, type SettingValues } from './policy-definition.js';

export interface ResolvedSetting<V> {
  value: V;
  /** True when a managed policy decides it; the user cannot change it. */
  locked: boolean;
  source: 'policy' | 'user' | 'default';
}
export type ResolvedSettings = { [K in SettingName]: ResolvedSetting<SettingValues[K]> };

/**
 * `userSettings` is whatever the user's settings store holds; values are validated here too,
 * so a hand-edited settings file cannot smuggle in what the schema forbids.
 */
export function resolveSettings(policy: Policy, userSettings: Partial<Record<string, unknown>> = {}, log?: PolicyLog): ResolvedSettings {
  const resolved: Record<string, ResolvedSetting<unknown>> = {};
  for (const name of SETTING_NAMES) {
    resolved[name] = resolveOne(name, policy, userSettings, log);
  }
  return resolved as ResolvedSettings;
}

function resolveOne(name: SettingName, policy: Policy, user: Partial<Record<string, unknown>>, log?: PolicyLog): ResolvedSetting<unknown> {
  const definition = SETTINGS[name];
  if (Object.hasOwn(policy.values, name)) {
    return { value: policy.values[name], locked: true, source: 'policy' };
  }
  if (policy.invalid.includes(name)) {
    // The administrator meant to decide this one: the safe default, and the user may not override it.
    return { value: definition.default, locked: true, source: 'default' };
  }
  if (Object.hasOwn(user, name) && user[name] !== undefined) {
    if (!definition.userSettable) {
      log?.warn(`Setting "${name}" can only be set by a managed policy; the user's value is ignored.`);
    } else {
      const parsed = definition.schema.safeParse(user[name]);
      if (parsed.success) return { value: parsed.data, locked: false, source: 'user' };
      log?.warn(`Setting "${name}" has an invalid saved value; the default applies.`);
    }
  }
  return { value: definition.default, locked: false, source: 'default' };
}

/** Just the values, for code that does not care where they came from. */
export function effectiveValues(settings: ResolvedSettings): SettingValues {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, settings[name].value])) as SettingValues;
}
