// The office's code lists (as the last sync stored them) in the order a report lists them, and
// their labels in Japanese and English for the exports. A code the list does not know is kept
// and shown raw; '' (a field the citizen left out) has a label of its own.
import type { Language } from '../../shared/domain.js';
import type { WireReference } from '../../shared/office-api.js';
import type { Db } from '../store/db.js';
import { kvGetJson } from '../store/statements.js';

export interface Labelled {
  code: string;
  ja: string;
  en: string;
}

export interface ReportReference {
  categories: Labelled[];
  themes: Labelled[];
  ageBands: Labelled[];
  ministries: Labelled[];
}

export const NOT_GIVEN: Labelled = { code: '', ja: '未記入', en: 'Not given' };

export const STATUS_LABELS: Labelled[] = [
  { code: 'new', ja: '新規', en: 'New' },
  { code: 'in_progress', ja: '対応中', en: 'In progress' },
  { code: 'done', ja: '完了', en: 'Done' },
  { code: 'spam', ja: 'スパム', en: 'Spam' },
];

export const CHANNEL_LABELS: Labelled[] = [
  { code: 'form', ja: 'フォーム', en: 'Form' },
  { code: 'email', ja: 'メール', en: 'Email' },
];

export function loadReference(db: Db): ReportReference {
  const ref = kvGetJson<WireReference>(db, 'reference');
  const list = (xs: WireReference['categories'] | undefined): Labelled[] => (xs ?? []).map((x) => ({ code: x.code, ja: x.label_ja, en: x.label_en }));
  return {
    categories: list(ref?.categories),
    themes: list(ref?.themes),
    ageBands: list(ref?.age_bands),
    ministries: (ref?.ministries ?? []).map((m) => ({ code: m.code, ja: m.name_ja, en: m.name_en })),
  };
}

export function labelOf(list: readonly Labelled[], code: string, lang: Language): string {
  if (code === '') return NOT_GIVEN[lang];
  const hit = list.find((x) => x.code === code);
  return hit ? hit[lang] : code;
}
