// The simulator's mail relay: a real SMTP server (smtp-server) on 127.0.0.1 that keeps every
// message it accepts, so the demo can send replies and show them, and tests can check exactly
// what went out. Like the office API simulator it has fault switches: a temporary or permanent
// refusal, a connection dropped in the middle of DATA, a message held without an answer.
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server, Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { addressOf, readMessage } from './mail-read.js';

export interface SinkMessage {
  /** The sink's own id for the delivery (one message id may be delivered twice). */
  id: string;
  receivedAt: string;
  mailFrom: string | null;
  rcptTo: string[];
  /** True when the session was encrypted (implicit TLS or STARTTLS). */
  secure: boolean;
  user: string | null;
  raw: Buffer;
}

/** What `GET /__sim/mail` shows of a message: the headers that matter, decoded, and the text. */
export interface SinkMessageView {
  id: string;
  receivedAt: string;
  mailFrom: string | null;
  rcptTo: string[];
  messageId: string | null;
  from: string | null;
  replyTo: string | null;
  to: string | null;
  subject: string | null;
  date: string | null;
  contentType: string;
  text: string | null;
}

export interface SinkFaults {
  /** The next N messages are refused after DATA with this reply (4xx temporary, 5xx permanent). */
  refuseNext: number;
  refuseCode: number;
  refuseMessage: string;
  /** The next N messages: the connection is cut in the middle of DATA. */
  dropNext: number;
  /** Messages are read but never answered until this is switched off (or the sink closes). */
  hold: boolean;
  /** Wait this long before answering each message's DATA. */
  latencyMs: number;
}

export const DEFAULT_SINK_FAULTS: SinkFaults = { refuseNext: 0, refuseCode: 451, refuseMessage: 'Try again later', dropNext: 0, hold: false, latencyMs: 0 };

export interface SmtpSinkOptions {
  port?: number;
  /** When set, AUTH is required and only these credentials pass; else any (or none) is accepted. */
  auth?: { user: string; pass: string };
  /** PEM key and certificate: STARTTLS is offered (or, with implicitTls, TLS from the first byte). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  implicitTls?: boolean;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:PORT` (or smtps://), for KOE_SMTP_URL and the services' smtpUrl. */
  url: string;
  port: number;
  messages: SinkMessage[];
  /** Every MAIL FROM the sink saw, including ones whose DATA never completed. */
  attempts: number;
  setFaults(f: Partial<SinkFaults>): void;
  list(): SinkMessageView[];
  /** Resolves when `n` messages in total have been accepted. */
  waitForMessages(n: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Resolves when a message is being held (DATA received, no answer yet). */
  waitForHeld(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function viewOf(m: SinkMessage): SinkMessageView {
  const r = readMessage(m.raw);
  return {
    id: m.id,
    receivedAt: m.receivedAt,
    mailFrom: m.mailFrom,
    rcptTo: m.rcptTo,
    messageId: r.header('message-id'),
    from: r.decoded('from'),
    replyTo: r.decoded('reply-to'),
    to: addressOf(r.header('to')),
    subject: r.decoded('subject'),
    date: r.header('date'),
    contentType: r.contentType,
    text: r.text,
  };
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const faults: SinkFaults = { ...DEFAULT_SINK_FAULTS };
  const messages: SinkMessage[] = [];
  const sockets = new Map<number, Socket>();
  const waiters = new Set<() => void>();
  const heldCallbacks = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  let attempts = 0;
  let held = 0;

  const server = new SMTPServer({
    secure: opts.implicitTls ?? false,
    key: opts.tls?.key,
    cert: opts.tls?.cert,
    // Without a certificate of its own the sink offers no STARTTLS (smtp-server would otherwise
    // offer one with its built-in self-signed certificate, which no client should trust).
    disabledCommands: opts.tls ? [] : ['STARTTLS'],
    authOptional: !opts.auth,
    allowInsecureAuth: !opts.tls,
    logger: false,
    banner: 'Koe office simulator mail sink',
    size: 25 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (!opts.auth || (auth.username === opts.auth.user && auth.password === opts.auth.pass)) {
        callback(null, { user: auth.username ?? 'anonymous' });
      } else {
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      }
    },
    onMailFrom(_address: SMTPServerAddress, _session, callback) {
      attempts++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      if (faults.dropNext > 0) {
        faults.dropNext--;
        // Cut the connection once part of the message has arrived: the client sees it mid-DATA.
        stream.once('data', () => {
          sockets.get(session.remotePort)?.destroy();
        });
        stream.on('data', () => undefined);
        return;
      }
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (faults.refuseNext > 0) {
          faults.refuseNext--;
          callback(Object.assign(new Error(faults.refuseMessage), { responseCode: faults.refuseCode }));
          return;
        }
        const accept = () => {
          messages.push({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : null,
            raw: Buffer.concat(chunks),
          });
          callback();
          notify();
        };
        if (faults.hold) {
          held++;
          heldCallbacks.add(accept);
          notify();
          return;
        }
        if (faults.latencyMs > 0) setTimeout(accept, faults.latencyMs);
        else accept();
      });
    },
  });
  server.on('error', () => undefined);
  // Sockets by remote port, so a fault can cut one connection.
  const netServer = (server as unknown as { server: Server }).server;
  netServer.on(opts.implicitTls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });

  await new Promise<void>((resolve, reject) => {
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    netServer.once('error', reject);
  });
  const port = (netServer.address() as AddressInfo).port;

  const waitUntil = (ok: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (ok()) return resolve();
      const check = () => {
        if (!ok()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`mail sink: ${what} did not happen within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
    });

  return {
    url: `${opts.implicitTls ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    port,
    messages,
    get attempts() {
      return attempts;
    },
    setFaults(f) {
      Object.assign(faults, f);
      if (f.hold === false) {
        for (const cb of [...heldCallbacks]) cb();
        heldCallbacks.clear();
      }
    },
    list: () => messages.map(viewOf),
    waitForMessages: async (n, timeoutMs = 10_000) => {
      await waitUntil(() => messages.length >= n, timeoutMs, `${n} messages`);
      return messages.slice();
    },
    waitForHeld: (timeoutMs = 10_000) => {
      const before = held;
      return waitUntil(() => held > before || heldCallbacks.size > 0, timeoutMs, 'a held message');
    },
    close: () =>
      new Promise<void>((resolve) => {
        heldCallbacks.clear();
        for (const s of sockets.values()) s.destroy();
        server.close(() => resolve());
      }),
  };
}
