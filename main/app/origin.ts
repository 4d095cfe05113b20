// Origins compared the way a browser would, from parsed URLs, never by string prefix: a prefix
// check lets `https://app.example.com.attacker.com` or `app://koe.evil` pass as our own.

/** The renderer's origin when packaged: our own `app://` protocol, never `file://`. */
export const APP_ORIGIN = 'app://koe';

/**
 * The origin of a URL as `scheme://host[:port]`, or null when the URL has no origin we could
 * trust (unparseable, opaque like `javascript:`/`data:`/`file:`/`about:`, or carrying userinfo).
 *
 * Node's URL gives every non-special scheme — our `app://koe` included — the opaque origin
 * "null", so comparing `url.origin` would make `app://koe` equal to `javascript:alert(1)`.
 * For hierarchical non-special URLs we build the tuple origin ourselves, as Chromium does for
 * the standard scheme the app registers.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // `https://koe@evil.example` reads as ours to a careless eye; nothing of ours uses userinfo.
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    return parsed.origin;
  }
  if (parsed.protocol === 'file:' || parsed.host === '') return null;
  // Non-special schemes keep the host's case; Chromium lowercases standard-scheme hosts.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/** True when `url` has exactly the origin `expectedOrigin` (itself a URL or bare origin). */
export function isSameOrigin(url: string, expectedOrigin: string): boolean {
  const actual = originOf(url);
  const expected = originOf(expectedOrigin);
  return actual !== null && expected !== null && actual === expected;
}
