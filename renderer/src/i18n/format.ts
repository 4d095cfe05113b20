// Dates and numbers for the office: always Asia/Tokyo, whatever the computer's own zone is,
// because staff compare times with the office's records.
import type { Language } from '../../../shared/domain.js';

const TZ = 'Asia/Tokyo';
const locales: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, kind: 'full' | 'short' | 'shortYear' | 'dayKey'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'full'
        ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : kind === 'shortYear'
          ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : kind === 'short'
            ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { year: 'numeric', month: '2-digit', day: '2-digit' };
    f = new Intl.DateTimeFormat(kind === 'dayKey' ? 'en-CA' : locales[lang], { ...opts, timeZone: TZ });
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Full date and time with seconds, for the detail pane and the history. */
export function formatDateTime(iso: string, lang: Language): string {
  const d = parse(iso);
  return d ? formatter(lang, 'full').format(d) : iso;
}

/** Compact time for list rows: the year only when it is not the current Tokyo year. */
export function formatShort(iso: string, lang: Language, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return iso;
  const sameYear = tokyoDate(d).slice(0, 4) === tokyoDate(now).slice(0, 4);
  return formatter(lang, sameYear ? 'short' : 'shortYear').format(d);
}

/** YYYY-MM-DD of a moment in Asia/Tokyo (the format the inbox filter's dates use). */
export function tokyoDate(d: Date): string {
  return formatter('ja', 'dayKey').format(d);
}

export function formatCount(n: number, lang: Language): string {
  return n.toLocaleString(locales[lang]);
}
