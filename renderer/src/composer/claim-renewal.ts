// The office ends a reply claim 15 minutes after it was made. A reply can take longer to write,
// so while the composer stays open the claim is made again shortly before it ends (claiming
// while holding it renews it), and nobody else can take the reply from under the writer.

/** Claim again this long before the claim ends. */
export const RENEW_BEFORE_MS = 2 * 60_000;
/** Never sooner than this: a claim that ends at once (a clock far ahead) must not loop. */
export const MIN_RENEW_DELAY_MS = 30_000;

/** How long to wait before claiming again, or null when the end of the claim cannot be read. */
export function renewalDelay(untilIso: string, nowMs: number): number | null {
  const until = Date.parse(untilIso);
  if (Number.isNaN(until)) return null;
  return Math.max(MIN_RENEW_DELAY_MS, until - RENEW_BEFORE_MS - nowMs);
}
