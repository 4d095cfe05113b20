// Labels for codes: statuses and channels from the catalogue, the rest from reference data.
// A code nobody knows is shown raw rather than hidden, so nothing the office sent is lost.
import type { LabelledCode, Language, Ministry, ReferenceData } from '../../../shared/domain.js';
import { translate, isMessageKey } from './translate.js';

export function statusLabel(status: string, lang: Language): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? translate(lang, key) : status;
}

export function channelLabel(channel: string, lang: Language): string {
  const key = `channel.${channel}`;
  return isMessageKey(key) ? translate(lang, key) : channel;
}

export function codeLabel(list: readonly LabelledCode[] | undefined, code: string | null, lang: Language): string | null {
  if (code === null) return null;
  const hit = list?.find((c) => c.code === code);
  if (!hit) return code;
  return lang === 'ja' ? hit.labelJa : hit.labelEn;
}

export function ministryLabel(list: readonly Ministry[] | undefined, code: string, lang: Language): string {
  if (code === 'any') return translate(lang, 'filters.anyMinistry');
  const hit = list?.find((m) => m.code === code);
  if (!hit) return code;
  return lang === 'ja' ? hit.nameJa : hit.nameEn;
}

export function staffLabel(ref: ReferenceData | undefined, id: string | null, lang: Language, meId?: string | null): string {
  if (id === null || id === 'none') return translate(lang, 'filters.none');
  if (id === 'me') return translate(lang, 'filters.me');
  const hit = ref?.staff.find((s) => s.id === id);
  const name = hit ? hit.name : id;
  if (!meId || id !== meId) return name;
  const me = translate(lang, 'filters.me');
  return lang === 'ja' ? `${name}（${me}）` : `${name} (${me})`;
}

export function roleLabel(role: string, lang: Language): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? translate(lang, key) : role;
}
