// Serves the built renderer (dist/renderer) to the harness page. Only files inside that folder
// are ever read: the request path is decoded, resolved and checked against the folder's real
// path, so `..`, encoded slashes and symlinks cannot reach the data dir or the key file.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticResult =
  | { kind: 'file'; path: string; contentType: string; size: number; isIndex: boolean }
  | { kind: 'not_found' }
  | { kind: 'bad_request' };

/**
 * Which file answers `urlPath`. A path without an extension is a screen of the app and gets
 * index.html; a missing asset (it has an extension) is a plain 404, never HTML posing as script.
 */
export async function resolveStatic(rootDir: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad_request' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { kind: 'bad_request' };

  const root = await realpath(rootDir);
  const indexFile = resolve(root, 'index.html');
  const candidate = resolve(root, '.' + decoded);
  if (!isInside(root, candidate)) return { kind: 'bad_request' };

  const found = await existingFileInside(root, candidate);
  if (found) return file(found, found === indexFile);
  if (extname(decoded) !== '') return { kind: 'not_found' };
  const index = await existingFileInside(root, indexFile);
  return index ? file(index, true) : { kind: 'not_found' };

  async function file(path: string, isIndex: boolean): Promise<StaticResult> {
    const info = await stat(path);
    const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    return { kind: 'file', path, contentType, size: info.size, isIndex };
  }
}

/** Streams a resolved file; index.html is never cached so a rebuilt renderer is always picked up. */
export function sendStatic(req: IncomingMessage, res: ServerResponse, found: Extract<StaticResult, { kind: 'file' }>, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': found.contentType,
    'Content-Length': String(found.size),
    'Cache-Control': found.isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The real path of a regular file inside root, or null (missing, a folder, or a link leading out). */
async function existingFileInside(root: string, path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}
