// Times on the wire: RFC 3339 with an offset. The office is in Japan, so most times carry
// +09:00; a few carry Z, because the contract allows both and clients must accept both.

const JST_OFFSET_MS = 9 * 3600_000;

export function formatJst(ms: number, fractional = false): string {
  const iso = new Date(ms + JST_OFFSET_MS).toISOString();
  return (fractional ? iso.slice(0, 23) : iso.slice(0, 19)) + '+09:00';
}

export function formatUtc(ms: number, fractional = false): string {
  const iso = new Date(ms).toISOString();
  return fractional ? iso : iso.slice(0, 19) + 'Z';
}

/** The calendar year in Japan at that instant (submission ids carry it). */
export function jstYear(ms: number): number {
  return new Date(ms + JST_OFFSET_MS).getUTCFullYear();
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3600_000;
export const DAY_MS = 86_400_000;
