// The office API simulator: a real HTTP server on 127.0.0.1 speaking the whole office API
// (../../shared/office-api.md), with seeded data, failure switches and a control endpoint.
// Used by `npm start` demo mode, the sync-engine tests, end-to-end tests and benchmarks.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actorFor, handleApi } from './api.js';
import { handleControl } from './control.js';
import { ACCOUNTS } from './data/staff.js';
import { planSeededEvents } from './data/seeded-events.js';
import { EventStore } from './events.js';
import { DEFAULT_FAULTS, FaultState, parseFaults, type Faults } from './faults.js';
import { ApiError, errorResponse, readBody, send, sleep, type ApiResponse } from './http.js';
import { SessionStore } from './sessions.js';
import { startSmtpSink, type SinkMessageView, type SmtpSink } from './smtp-sink.js';
import type { PostedRecord, SimulatorState } from './state.js';
import { SubmissionLog, type SubmissionPatch } from './submission-log.js';
import { TemplateStore } from './template-store.js';
import { formatJst, DAY_MS } from './time.js';
import { TransferStore } from './transfers.js';

export type { Faults } from './faults.js';
export type { PostedRecord } from './state.js';

export interface SimulatorOptions {
  /** 0 = random (default 0); always listens on 127.0.0.1 only. */
  port?: number;
  /** Default 1. */
  seed?: number;
  /** Number of seeded submissions, default 2000. */
  count?: number;
  /** "Now" for the seeded data (received_at relative to it); default new Date(). */
  now?: Date;
  /** Session lifetime, default 8 h. */
  tokenTtlMs?: number;
  /** Ministries accept or return a transfer after this delay (default 30 s). */
  transferDecisionMs?: number;
  faults?: Partial<Faults>;
  /** Also run a mail relay on 127.0.0.1 that keeps every message (replies in the demo and e2e). */
  smtpSink?: boolean;
}

export interface SimulatorHandle {
  /** The API base, e.g. http://127.0.0.1:43123 (paths are /v1/...). */
  url: string;
  port: number;
  setFaults(f: Partial<Faults>): void;
  /** Every existing token now gets 401 unauthenticated. */
  revokeAllTokens(): void;
  /** New submissions arrive now; returns their ids. */
  addSubmissions(n: number): string[];
  /** The same id comes again with a higher seq. */
  correctSubmission(id: string, patch: SubmissionPatch): void;
  /** Tombstone (reason defaults to 'withdrawn'). */
  deleteSubmission(id: string, reason?: string): void;
  /** As if another staff member's client posted it (same validation). Resolves with the stored
   * event; rejects with a SimulatorRequestError carrying the status and error body. */
  postEventAs(username: string, body: { submission_id: string; type: string; payload: object }): Promise<object>;
  /** Every POST /v1/events and /v1/transfers received over HTTP. */
  posted: { events: PostedRecord[]; transfers: PostedRecord[] };
  storedEvents(): object[];
  /** The current version of every transfer, in the order they were created. */
  storedTransfers(): object[];
  /** Makes a ministry accept or return every transfer it decides on from now (null: the id decides). */
  setTransferOutcome(ministry: string, outcome: 'accepted' | 'returned' | null): void;
  /** Currently live (not deleted) ids. */
  submissionIds(): string[];
  accounts: { username: string; password: string; staffId: string; role: 'staff' | 'supervisor' | 'admin'; name: string }[];
  /** With `smtpSink`: the relay's URL for KOE_SMTP_URL (`smtp://127.0.0.1:PORT`), else null. */
  smtpUrl: string | null;
  /** With `smtpSink`: the relay itself (messages, fault switches). */
  smtp: SmtpSink | null;
  /** Messages the sink accepted, decoded (also `GET /__sim/mail`). */
  mail(): SinkMessageView[];
  close(): Promise<void>;
}

/** A postEventAs that the office API refused. */
export class SimulatorRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`office API answered ${status}: ${JSON.stringify(body)}`);
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const count = opts.count ?? 2000;
  if (!Number.isSafeInteger(count) || count < 0) throw new Error('count must be a whole number ≥ 0');
  const nowMs = (opts.now ?? new Date()).getTime();
  const params = { seed: opts.seed ?? 1, count, nowMs };
  const decisionMs = opts.transferDecisionMs ?? 30_000;

  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const faults = new FaultState();
  const submissions = new SubmissionLog(params);
  const isLive = (id: string) => submissions.isLive(id);
  const events = new EventStore(isLive, planSeededEvents(params, (i) => submissions.isDeletedIndex(i)));
  const transfers: TransferStore = new TransferStore(isLive, () => decisionMs, (inMs) => later(inMs + 5, () => transfers.settle(Date.now())));
  const state: SimulatorState = {
    faults,
    sessions: new SessionStore(opts.tokenTtlMs ?? 8 * 3600_000),
    submissions,
    events,
    transfers,
    templates: new TemplateStore(formatJst(nowMs - 30 * DAY_MS)),
    pagesServed: new Map(),
    posted: { events: [], transfers: [] },
  };

  // Arrivals: a ticker adds however many submissions the rate says are due by now.
  let arrivals: { timer: NodeJS.Timeout; startMs: number; added: number } | null = null;
  const restartArrivals = () => {
    if (arrivals) clearInterval(arrivals.timer);
    arrivals = null;
    const rate = faults.faults.arrivalsPerMinute;
    if (rate <= 0) return;
    const tickMs = Math.min(1000, Math.max(50, 60_000 / rate));
    const a = { startMs: Date.now(), added: 0, timer: setInterval(() => {
      const due = Math.floor((rate * (Date.now() - a.startMs)) / 60_000) - a.added;
      if (due > 0) {
        submissions.add(due, Date.now());
        a.added += due;
      }
    }, tickMs) };
    arrivals = a;
  };

  const setFaults = (partial: Partial<Faults>) => {
    const checked = parseFaults(partial);
    const before = faults.faults.arrivalsPerMinute;
    faults.set(checked);
    if (faults.faults.arrivalsPerMinute !== before) restartArrivals();
  };

  const postEvent = (username: string, event: { submission_id: string; type: string; payload: object }): ApiResponse => {
    const actor = actorFor(username);
    if (!actor) return errorResponse(400, 'bad_request', `No such account: ${username}`);
    const id = randomUUID();
    const now = Date.now();
    return events.post(actor, { id, submission_id: event.submission_id, type: event.type, payload: event.payload, client_time: formatJst(now) }, id, now);
  };

  const handle: SimulatorHandle = {
    url: '',
    port: 0,
    setFaults,
    revokeAllTokens: () => state.sessions.revokeAll(),
    addSubmissions: (n) => submissions.add(n, Date.now()),
    correctSubmission: (id, patch) => submissions.correct(id, patch),
    deleteSubmission: (id, reason) => submissions.delete(id, reason),
    postEventAs: async (username, body) => {
      const r = postEvent(username, body);
      if (r.status >= 300) throw new SimulatorRequestError(r.status, r.body);
      return r.body as object;
    },
    posted: state.posted,
    storedEvents: () => events.all(),
    storedTransfers: () => {
      transfers.settle(Date.now());
      return transfers.all();
    },
    setTransferOutcome: (ministry, outcome) => transfers.setOutcome(ministry, outcome),
    submissionIds: () => submissions.liveIds(),
    accounts: ACCOUNTS.map((a) => ({ ...a })),
    smtpUrl: null,
    smtp: null,
    mail: () => handle.smtp?.list() ?? [],
    close: async () => {},
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const raw = await readBody(req);
      if (url.pathname.startsWith('/__sim/')) {
        send(res, raw === null ? errorResponse(413, 'payload_too_large', 'Too large.') : await handleControl(handle, method, url.pathname, raw));
        return;
      }
      const f = faults.faults;
      if (f.offline) {
        req.socket.destroy();
        return;
      }
      const kind = method === 'POST' && url.pathname === '/v1/events' ? 'events' : method === 'POST' && url.pathname === '/v1/transfers' ? 'transfers' : null;
      const record = (status: number) => {
        if (!kind) return;
        let body: unknown = raw?.toString('utf8') ?? null;
        try {
          body = JSON.parse(body as string);
        } catch {
          /* keep the raw text: the test wants to see what was sent */
        }
        const key = req.headers['idempotency-key'];
        state.posted[kind].push({ idempotencyKey: (Array.isArray(key) ? key[0] : key) ?? null, body, status, at: new Date().toISOString() });
      };

      const fault = faults.takeRequestFault();
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (fault === 'drop') {
        record(0);
        req.socket.destroy();
        return;
      }
      let r: ApiResponse;
      if (fault === 'rate_limited') r = errorResponse(429, 'rate_limited', 'Too many requests.', {}, { 'retry-after': f.retryAfter });
      else if (fault === 'unavailable') r = errorResponse(503, 'unavailable', 'The office server is under maintenance.', {}, { 'retry-after': f.retryAfter });
      else if (fault === 'server_error') r = errorResponse(500, 'internal', 'Something went wrong on the office server.');
      else if (raw === null) r = errorResponse(413, 'payload_too_large', 'The request body is too large.');
      else {
        transfers.settle(Date.now());
        try {
          r = handleApi(state, method, url, req.headers, raw);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          r = e.response;
        }
      }
      if (fault === 'drop_response') {
        record(0);
        req.socket.destroy();
        return;
      }
      record(r.status);
      send(res, r);
    } catch (e) {
      if (e instanceof ApiError) {
        send(res, e.response);
        return;
      }
      console.error('office simulator: request failed', e);
      if (!res.headersSent) send(res, errorResponse(500, 'internal', 'The office simulator failed on this request.'));
      else res.destroy();
    }
  };

  const server = createServer((req, res) => void onRequest(req, res));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  handle.port = port;
  handle.url = `http://127.0.0.1:${port}`;
  if (opts.smtpSink) {
    handle.smtp = await startSmtpSink();
    handle.smtpUrl = handle.smtp.url;
  }
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (arrivals) clearInterval(arrivals.timer);
      arrivals = null;
      server.close(() => resolve());
      server.closeAllConnections();
    });
  handle.close = async () => {
    await Promise.all([closeHttp(), handle.smtp?.close()]);
  };

  if (opts.faults) setFaults({ ...opts.faults });
  return handle;
}

export { DEFAULT_FAULTS };
