// Times on the record for the file are the office's: Asia/Tokyo (UTC+9 all year, no DST).
const TOKYO_OFFSET_MS = 9 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function tokyoParts(iso: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + TOKYO_OFFSET_MS);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
}

/** `2026-11-28T09:15:00+09:00` for any RFC 3339 time; an unreadable one is kept as it came. */
export function tokyoIso(iso: string): string {
  const p = tokyoParts(iso);
  return p ? `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}+09:00` : iso;
}

/** `2026年11月28日 09:15` */
export function tokyoDateTimeJa(iso: string): string {
  const p = tokyoParts(iso);
  return p ? `${p.y}年${p.mo}月${p.d}日 ${pad(p.h)}:${pad(p.mi)}` : iso;
}

/** `20261128`, for file names. */
export function tokyoDateCompact(iso: string): string {
  const p = tokyoParts(iso);
  return p ? `${p.y}${pad(p.mo)}${pad(p.d)}` : 'undated';
}
