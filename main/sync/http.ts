// One HTTP exchange with the office API over node:http/https: a timeout, TLS always verified
// (a managed CA bundle is added to the system roots, never replaces verification).
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export function makeTransport(caBundle?: string) {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: caBundle ? [...rootCertificates, caBundle] : undefined });
  function send(req: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const isHttps = req.url.protocol === 'https:';
      const mod = isHttps ? https : http;
      const r = mod.request(
        req.url,
        { method: req.method, headers: req.headers, agent: isHttps ? httpsAgent : httpAgent, timeout: req.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string | undefined> = {};
            for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', (e) => reject(new NetworkError(e.message)));
          res.on('aborted', () => reject(new NetworkError('response aborted')));
        },
      );
      r.on('timeout', () => r.destroy(new NetworkError(`no answer within ${req.timeoutMs} ms`)));
      r.on('error', (e) => reject(e instanceof NetworkError ? e : new NetworkError(e.message)));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }
  function close(): void {
    httpAgent.destroy();
    httpsAgent.destroy();
  }
  return { send, close };
}
export type Transport = ReturnType<typeof makeTransport>;
