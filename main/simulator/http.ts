// Small HTTP helpers: every answer is a value (status, JSON body, headers) until it is sent,
// and every error has the contract's shape {"error": {"code", "message"}}.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): ApiResponse {
  return { status, body: { error: { code, message, ...extra } }, headers };
}

/** Thrown inside a handler to answer with an error at once. */
export class ApiError extends Error {
  constructor(readonly response: ApiResponse) {
    super(typeof response.body === 'object' ? JSON.stringify(response.body) : String(response.status));
  }
}
export function fail(status: number, code: string, message: string, extra?: Record<string, unknown>): never {
  throw new ApiError(errorResponse(status, code, message, extra));
}

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads the whole request body; null when it is larger than we accept. */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const NO_BODY = Symbol('no body');
/** The request's JSON, NO_BODY for an empty body, or a 400 for anything else. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return NO_BODY;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    fail(400, 'bad_request', 'The request body is not valid JSON.');
  }
}

export function send(res: ServerResponse, r: ApiResponse): void {
  const headers: Record<string, string | number> = { 'cache-control': 'no-store', ...r.headers };
  if (r.body === undefined || r.status === 204 || r.status === 304) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(r.body), 'utf8');
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = payload.length;
  res.writeHead(r.status, headers);
  res.end(payload);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
