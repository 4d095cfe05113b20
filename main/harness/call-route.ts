// `POST /bridge/call/:name`: the HTTP twin of one `ipcRenderer.invoke`. The guard has already
// checked token and origin; here the body is read within its limit and handed to the services.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope, ErrorCode } from '../../shared/contract-kit.js';
import type { BridgeServices } from './services-port.js';

/** Far above any real call (a saved view, a sign-in), far below what could exhaust memory. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export const CALL_PREFIX = '/bridge/call/';

export async function handleCall(req: IncomingMessage, res: ServerResponse, services: BridgeServices, headers: Record<string, string>): Promise<void> {
  const send = (status: number, envelope: Envelope<unknown>) => sendJson(res, status, envelope, headers);

  const name = callName(req.url ?? '');
  if (name === null) return send(400, refusal('bad_request', 'The call name is not readable.'));
  if (!isJson(req.headers['content-type'])) return send(415, refusal('bad_request', 'Calls carry JSON.'));

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) return tooLarge(req, res, headers);

  let body: Buffer;
  try {
    body = await readBody(req, BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge(req, res, headers);
    res.destroy();
    return;
  }

  let input: unknown;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return send(400, refusal('bad_request', 'The request body is not valid JSON.'));
    }
  }

  let envelope: Envelope<unknown>;
  try {
    envelope = await services.dispatch(name, input);
  } catch {
    // dispatch promises never to throw; if it does anyway the page still gets an envelope.
    envelope = refusal('internal', 'Something went wrong in Koe. Please try again; if it keeps happening, contact IT.');
  }
  // An envelope is the answer whether the call succeeded or not, exactly as over IPC.
  send(200, envelope);
}

export function refusal(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function callName(url: string): string | null {
  const path = url.split('?')[0];
  if (!path.startsWith(CALL_PREFIX)) return null;
  try {
    const name = decodeURIComponent(path.slice(CALL_PREFIX.length));
    return name.length > 0 && name.length <= 100 ? name : null;
  } catch {
    return null;
  }
}

function isJson(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers 413 and drops the connection so the rest of an oversized body is never read. */
function tooLarge(_req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  sendJson(res, 413, refusal('bad_request', 'The request is too large.'), { ...headers, Connection: 'close' });
}
