// One history entry as a sentence: who did what. Pure, so every event type is tested.
import type { HistoryEntry, Language, ReferenceData } from '../../../shared/domain.js';
import { ministryLabel, staffLabel, statusLabel } from '../i18n/labels.js';
import { isMessageKey, translate } from '../i18n/translate.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
}

export function historyText(e: HistoryEntry, ref: ReferenceData | undefined, lang: Language): string {
  const p = e.payload;
  switch (e.type) {
    case 'status_set':
      return translate(lang, 'history.status_set', { value: statusLabel(str(p.status), lang) });
    case 'tag_added':
    case 'tag_removed':
      return translate(lang, `history.${e.type}`, { value: str(p.tag) });
    case 'assigned': {
      const id = p.staff_id ?? p.staffId ?? null;
      return id ? translate(lang, 'history.assigned', { value: staffLabel(ref, str(id), lang) }) : translate(lang, 'history.unassigned');
    }
    case 'note_added':
      return translate(lang, 'history.note_added', { value: str(p.text) });
    case 'transfer_marked':
    case 'transfer_unmarked':
      return translate(lang, `history.${e.type}`, { value: ministryLabel(ref?.ministries, str(p.ministry), lang) });
    case 'reply_proposed':
    case 'reply_sent':
      return translate(lang, `history.${e.type}`, { value: str(p.subject) });
    default: {
      // A type this version does not know is still shown, raw, rather than dropped.
      const key = `history.${e.type}`;
      return isMessageKey(key) ? translate(lang, key, { value: '' }) : translate(lang, 'history.other', { value: e.type });
    }
  }
}
