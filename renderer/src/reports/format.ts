// How the report screen writes periods, durations and codes. Pure, so tests need no React.
import { AGE_BUCKETS, REPLY_BUCKETS, TRANSFER_OUTCOMES, type Granularity } from '../../../shared/contract-reports.js';
import type { Language, ReferenceData } from '../../../shared/domain.js';
import { channelLabel, codeLabel, ministryLabel, statusLabel } from '../i18n/labels.js';
import { translate } from '../i18n/translate.js';

/** A period's short label for a chart axis: 11/28, 11/24〜, 2026/11 (or 28 Nov, w/c 24 Nov, Nov 2026). */
export function periodLabel(period: string, g: Granularity, lang: Language): string {
  const [y, m, d] = period.split('-').map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  if (g === 'month') return lang === 'ja' ? `${y}/${m}` : `${month} ${y}`;
  if (g === 'week') return lang === 'ja' ? `${m}/${d}〜` : `w/c ${d} ${month}`;
  return lang === 'ja' ? `${m}/${d}` : `${d} ${month}`;
}

/** A period as the table shows it: the whole date, or the month. */
export function periodFull(period: string, g: Granularity): string {
  return g === 'month' ? period.slice(0, 7) : period;
}

/** 45分 · 18.5時間 · 3.2日 (45 min · 18.5 h · 3.2 days). */
export function formatDuration(minutes: number | null, lang: Language): string {
  if (minutes === null) return translate(lang, 'reports.noValue');
  const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
  if (minutes < 60) return translate(lang, 'reports.minutes', { n: minutes });
  if (minutes < 48 * 60) return translate(lang, 'reports.hours', { n: one(minutes / 60) });
  return translate(lang, 'reports.days', { n: one(minutes / 1440) });
}

export type Dimension = 'category' | 'theme' | 'ageBand' | 'channel' | 'status';

/** A code's label in the reference data of the current language; '' is "not given". */
export function dimensionLabel(dim: Dimension, code: string, ref: ReferenceData | undefined, lang: Language): string {
  if (code === '') return translate(lang, 'reports.notGiven');
  switch (dim) {
    case 'category':
      return codeLabel(ref?.categories, code, lang) ?? code;
    case 'theme':
      return codeLabel(ref?.themes, code, lang) ?? code;
    case 'ageBand':
      return codeLabel(ref?.ageBands, code, lang) ?? code;
    case 'channel':
      return channelLabel(code, lang);
    case 'status':
      return statusLabel(code, lang);
  }
}

export const ministryName = (ref: ReferenceData | undefined, code: string, lang: Language) => ministryLabel(ref?.ministries, code, lang);

export const ageBucketLabels = (lang: Language) => AGE_BUCKETS.map((b) => translate(lang, `reports.age.${b.id}`));
export const replyBucketLabels = (lang: Language) => REPLY_BUCKETS.map((b) => translate(lang, `reports.reply.${b.id}`));
export const outcomeLabels = (lang: Language) => TRANSFER_OUTCOMES.map((o) => translate(lang, `reports.outcome.${o}`));
