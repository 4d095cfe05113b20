// The browser harness: the renderer build and the IPC contract served over loopback HTTP and a
// WebSocket, for machines where Electron cannot run (tests, demos). The same services answer as
// in the app; the token and origin checks stand in for Electron's sender-frame check.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_PREFIX, handleCall, refusal, sendJson } from './call-route.js';
import { harnessCsp, securityHeaders } from './csp.js';
import { createEventsSocket } from './events-socket.js';
import { TOKEN_HEADER, fromOwnPage, hostMatches, newToken, tokenMatches } from './guard.js';
import type { BridgeServices } from './services-port.js';
import { resolveStatic, sendStatic } from './static-files.js';

export interface HarnessOptions {
  services: BridgeServices;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Loopback only: the harness serves citizens' data to whoever can connect. */
  host: '127.0.0.1';
  /** 0 or absent: any free port. */
  port?: number;
}

export interface Harness {
  /** The page to open: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  // Checked at run time too: a caller in plain JavaScript or with a cast must not bind 0.0.0.0.
  if (opts.host !== '127.0.0.1') throw new Error(`the harness binds to 127.0.0.1 only, not ${String(opts.host)}`);
  const token = newToken();
  // Filled in once the port is known; no request is served before then.
  let origin = '';
  let headers: Record<string, string> = {};

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, refusal('internal', 'The harness could not answer.'), headers);
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostMatches(req.headers, origin)) return sendJson(res, 403, refusal('forbidden_sender', 'Unknown host.'), headers);
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/bridge/')) {
      if (req.method !== 'POST' || !path.startsWith(CALL_PREFIX)) {
        return sendJson(res, 405, refusal('bad_request', 'Calls are POST /bridge/call/:name.'), { ...headers, Allow: 'POST' });
      }
      if (!fromOwnPage(req.headers, origin) || !tokenMatches(req.headers[TOKEN_HEADER], token)) {
        req.resume();
        return sendJson(res, 403, refusal('forbidden_sender', 'This request did not come from the Koe window.'), headers);
      }
      return handleCall(req, res, opts.services, headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, refusal('bad_request', 'Method not allowed.'), { ...headers, Allow: 'GET, HEAD' });
    }
    const found = await resolveStatic(opts.rendererDir, path);
    if (found.kind === 'file') return sendStatic(req, res, found, headers);
    const status = found.kind === 'bad_request' ? 400 : 404;
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(found.kind === 'bad_request' ? 'Bad request' : 'Not found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  headers = securityHeaders(harnessCsp(origin));

  const events = createEventsSocket(opts.services, origin, token);
  server.on('upgrade', (req, socket, head) => {
    if (!hostMatches(req.headers, origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    events.handleUpgrade(req, socket, head);
  });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close() {
      closing ??= (async () => {
        await events.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections from the page would otherwise hold the server open.
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
