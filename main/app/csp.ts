// The renderer's Content-Security-Policy. Pure (no Electron) so the window, the app:// protocol
// and any other server of the renderer can send the very same policy.
import { originOf } from './origin.js';

export function contentSecurityPolicy(opts: { dev: boolean; devServerOrigin?: string }): string {
  const connect = ["'self'"];
  if (opts.dev && opts.devServerOrigin) {
    // Vite's hot reload talks over a WebSocket to the dev server.
    const origin = originOf(opts.devServerOrigin);
    if (origin?.startsWith('http://') || origin?.startsWith('https://')) {
      connect.push(origin, origin.replace(/^http/, 'ws'));
    }
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Replaces any CSP the response carried (whatever its case) with ours. */
export function withCsp(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
