// GET /v1/reference: the code lists the office uses, with Japanese and English labels.
import { createHash } from 'node:crypto';
import { MINISTRIES } from './ministries.js';

export interface Labelled {
  code: string;
  label_ja: string;
  label_en: string;
}
const l = (code: string, label_ja: string, label_en: string): Labelled => ({ code, label_ja, label_en });

export const CATEGORIES: readonly Labelled[] = [
  l('opinion', 'ご意見', 'Opinion'),
  l('question', 'ご質問', 'Question'),
  l('request', 'ご要望', 'Request'),
  l('complaint', '苦情', 'Complaint'),
  l('praise', 'お礼', 'Thanks'),
  l('other', 'その他', 'Other'),
];

export const THEMES: readonly Labelled[] = [
  l('economy', '経済', 'Economy'),
  l('health', '医療・健康', 'Health'),
  l('pension', '年金', 'Pensions'),
  l('childcare', '子育て', 'Childcare'),
  l('education', '教育', 'Education'),
  l('environment', '環境', 'Environment'),
  l('disaster', '防災', 'Disaster preparedness'),
  l('digital', 'デジタル', 'Digital'),
  l('tax', '税', 'Tax'),
  l('transport', '交通', 'Transport'),
  l('agriculture', '農林水産', 'Agriculture, forestry and fisheries'),
  l('foreign', '外交', 'Foreign affairs'),
  l('defense', '防衛', 'Defense'),
  l('labour', '労働', 'Labour'),
  l('other', 'その他', 'Other'),
];

export const AGE_BANDS: readonly Labelled[] = [
  l('under_20', '20歳未満', 'Under 20'),
  l('20s', '20代', '20s'),
  l('30s', '30代', '30s'),
  l('40s', '40代', '40s'),
  l('50s', '50代', '50s'),
  l('60s', '60代', '60s'),
  l('70s', '70代', '70s'),
  l('80_plus', '80歳以上', '80 and over'),
];

export const REFERENCE_VERSION = '2026-11-01';

export const REFERENCE = {
  version: REFERENCE_VERSION,
  categories: CATEGORIES,
  themes: THEMES,
  age_bands: AGE_BANDS,
  ministries: MINISTRIES,
};

export const REFERENCE_JSON = JSON.stringify(REFERENCE);
/** Strong ETag over the exact bytes served, so a client's If-None-Match is exact. */
export const REFERENCE_ETAG = `"ref-${createHash('sha256').update(REFERENCE_JSON).digest('hex').slice(0, 20)}"`;
