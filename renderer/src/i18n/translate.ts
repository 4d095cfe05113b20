// Looks a message up and fills its `{name}` placeholders. Pure, so tests need no React.
import type { Language } from '../../../shared/domain.js';
import { en } from './en.js';
import { ja, type MessageKey } from './ja.js';

export type Vars = Record<string, string | number>;
const catalogs: Record<Language, Record<MessageKey, string>> = { ja, en };

export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const template = catalogs[lang][key] ?? ja[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** True when `key` is a message key (for labels built from values, e.g. `status.${s}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ja, key);
}
