// Serves the built renderer over `app://koe/` instead of `file://`: a real origin for the CSP
// and the IPC sender check, and no way for a page to read files outside dist/renderer.
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_ORIGIN } from './origin.js';

export const APP_SCHEME = 'app';
const APP_HOST = new URL(APP_ORIGIN).host;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` that `url` names, or null when it names none: another scheme or host,
 * a malformed escape, a NUL byte, or a path that would leave `root` once resolved.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  // Resolving, then checking the result, catches `..`, encoded `%2e%2e`, and Windows `\..\`.
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The response for one `app://` request, with the CSP header on every file. */
export async function serveAppAsset(root: string, url: string, csp: string): Promise<Response> {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  };
  const file = resolveAppAsset(root, url);
  if (file) {
    try {
      const body = await fs.readFile(file);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(file) } });
    } catch {
      // Missing or a directory: the same answer as a refused path, so nothing about the disk leaks.
    }
  }
  return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
