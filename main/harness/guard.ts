// Who may use the bridge: only the page the harness served, proven by the per-run token and by
// the browser-set Origin (and Host, against DNS rebinding). This stands in for the Electron
// sender-frame check, so a web page in another tab cannot reach citizens' data over loopback.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-koe-token';

/** 32 random bytes, base64url: unguessable and safe in a query string. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the token cannot be learned a byte at a time. */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when the request was sent by a page of `origin` to `origin`'s own host. Browsers always
 * send Origin on POST and on WebSocket handshakes, so a missing one is refused too.
 */
export function fromOwnPage(headers: IncomingHttpHeaders, origin: string): boolean {
  return headers.origin === origin && hostMatches(headers, origin);
}

/** A rebinding attack reaches us under the attacker's host name: only our own is answered. */
export function hostMatches(headers: IncomingHttpHeaders, origin: string): boolean {
  return headers.host === new URL(origin).host;
}
