// Turns what a policy store holds (JSON, registry values, a plist) into a validated Policy.
// One bad value never voids the rest: it is logged and that one setting falls back to its
// safe default, still locked, because the administrator meant to decide it.
import { isSettingName, SETTINGS, type Policy, type PolicyLog, type SettingKind, type SettingName, type SettingValues } from './policy-definition.js';

/** Adapts a stored value to the setting's kind (registry DWORDs for booleans, for example). */
export type Coerce = (kind: SettingKind, value: unknown) => unknown;

export function parsePolicy(raw: unknown, source: string, log: PolicyLog, coerce: Coerce = (_kind, value) => value): Policy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log.warn(`Managed policy ${source} is not a set of named settings; it is ignored and defaults apply.`);
    return { values: {}, invalid: [], source: null };
  }
  const values: Partial<Record<SettingName, unknown>> = {};
  const invalid: SettingName[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (!isSettingName(name)) {
      log.warn(`Managed policy ${source}: unknown setting "${name.slice(0, 100)}" is ignored.`);
      continue;
    }
    const definition = SETTINGS[name];
    const parsed = definition.schema.safeParse(coerce(definition.kind, value));
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'invalid value';
      log.warn(`Managed policy ${source}: "${name}" ${reason}; the default (${JSON.stringify(definition.default)}) applies.`);
      invalid.push(name);
    }
  }
  return { values: values as Partial<SettingValues>, invalid, source };
}
