// The harness page's Content-Security-Policy: the same rules the Electron window enforces, with
// the bridge's WebSocket as the one extra place the page may connect to. Kept apart from
// main/app/security.ts because that module loads Electron, which the harness must not need.

/** The policy for a page served from `origin` (`http://127.0.0.1:PORT`). */
export function harnessCsp(origin: string): string {
  const wsOrigin = origin.replace(/^http:/, 'ws:');
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", wsOrigin]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * Headers every harness response carries. The page URL holds the session token until the
 * renderer strips it, so no referrer may ever leave the page.
 */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
