// The office API client: sessions, retries as the contract says, and typed errors.
import type { z } from 'zod';
import { wireError, wireSession, type WireSession } from '../../shared/office-api.js';
import { makeTransport, NetworkError, type HttpResponse, type Transport } from './http.js';
import { decide, DEFAULT_MAX_TRIES } from './retry.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
/**
 * The request did not get an answer after every try (network, 5xx, 429/503): `status` is the
 * last answer, or null when no connection was made.
 */
export class UnreachableError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export interface Credentials {
  username: string;
  password: string;
}

export interface ClientOptions {
  baseUrl: string;
  caBundle?: string;
  /** Credentials for signing in again after a 401, or null to ask the user. */
  credentials: () => Promise<Credentials | null> | Credentials | null;
  /** Called with every new session (to keep the token and who is signed in). */
  onSession?: (s: WireSession) => void;
  /** A session from an earlier run, if any. */
  session?: WireSession | null;
  maxTries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about every wait, for progress reporting; `status` is null when the connection itself failed. */
  onRetry?: (info: { ms: number; reason: string; attempt: number; status: number | null }) => void;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  idempotencyKey?: string;
  ifNoneMatch?: string;
  schema?: S;
  auth?: boolean;
  /** Status codes (other than 2xx) returned to the caller instead of thrown. */
  accept?: number[];
  /** Fewer tries than the client's default, for a call a person is waiting on (a reply claim). */
  maxTries?: number;
}
export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | undefined>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class OfficeClient {
  private session: WireSession | null;
  private readonly transport: Transport;
  private readonly opts: Required<Pick<ClientOptions, 'maxTries' | 'timeoutMs' | 'sleep' | 'random'>> & ClientOptions;
  private closed = false;
  /** Every wait between tries now in progress (several requests may be waiting), to end early. */
  private readonly waits = new Set<() => void>();

  constructor(opts: ClientOptions) {
    this.opts = { maxTries: DEFAULT_MAX_TRIES, timeoutMs: 30_000, sleep: realSleep, random: Math.random, ...opts };
    this.session = opts.session ?? null;
    this.transport = makeTransport(opts.caBundle);
  }

  get currentSession(): WireSession | null {
    return this.session;
  }

  async signIn(creds: Credentials): Promise<WireSession> {
    const res = await this.request('POST', '/v1/sessions', { body: creds, auth: false, schema: wireSession });
    this.session = res.data;
    this.opts.onSession?.(res.data);
    return res.data;
  }

  async signOut(): Promise<void> {
    if (this.session) {
      try {
        await this.request('DELETE', '/v1/sessions/current', { accept: [401] });
      } finally {
        this.session = null;
      }
    }
  }

  forgetSession(): void {
    this.session = null;
  }

  /** One call with the contract's retries; signs in again once on 401 and repeats the call once. */
  async request<S extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    o: RequestOptions<S> = {},
  ): Promise<ApiResponse<S extends z.ZodType ? z.output<S> : unknown>> {
    const auth = o.auth ?? true;
    if (auth && !this.session) await this.reauthenticate();
    let res = await this.sendWithRetries(method, path, o, auth);
    if (res.status === 401 && auth) {
      await this.reauthenticate();
      res = await this.sendWithRetries(method, path, o, auth);
    }
    if ((res.status >= 200 && res.status < 300) || res.status === 304 || o.accept?.includes(res.status)) {
      let data: unknown = null;
      if (res.text && res.status !== 304) {
        try {
          data = JSON.parse(res.text);
        } catch {
          throw new ApiError(res.status, 'bad_response', `the office API sent something that is not JSON for ${method} ${path}`, res.text.slice(0, 200));
        }
      }
      if (o.schema && res.status >= 200 && res.status < 300) {
        const parsed = o.schema.safeParse(data);
        if (!parsed.success) {
          throw new ApiError(res.status, 'bad_response', `the office API's answer to ${method} ${path} does not fit the contract: ${parsed.error.issues[0]?.message ?? ''}`, data);
        }
        data = parsed.data;
      }
      return { status: res.status, data: data as never, headers: res.headers };
    }
    throw this.toApiError(res.status, res.text, method, path);
  }

  private async reauthenticate(): Promise<void> {
    this.session = null;
    const creds = await this.opts.credentials();
    if (!creds) throw new ApiError(401, 'unauthenticated', 'the session has ended: sign in again', null);
    await this.signIn(creds);
  }

  private async sendWithRetries(method: string, path: string, o: RequestOptions<z.ZodType | undefined>, auth: boolean) {
    const url = new URL(this.opts.baseUrl.replace(/\/+$/, '') + path);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    if (o.ifNoneMatch) headers['if-none-match'] = o.ifNoneMatch;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new UnreachableError(`${method} ${path}: not sent, Koe is closing the connection`);
      if (auth && this.session) headers.authorization = `Bearer ${this.session.token}`;
      let res: HttpResponse | null = null;
      let failure = '';
      try {
        res = await this.transport.send({ method, url, headers, body, timeoutMs: this.opts.timeoutMs });
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        failure = err.message;
      }
      const maxTries = o.maxTries ?? this.opts.maxTries;
      const outcome = decide(res?.status ?? null, res?.headers['retry-after'], attempt, maxTries, this.opts.random, Date.now());
      // A network failure is never 'done', so res is set here.
      if (outcome.kind === 'done') return res!;
      const reason = res ? outcome.reason : failure;
      if (outcome.kind === 'fail') throw new UnreachableError(`${method} ${path}: ${res ? outcome.reason : `${failure} (${maxTries} tries)`}`, res?.status ?? null);
      this.opts.onRetry?.({ ms: outcome.ms, reason, attempt, status: res?.status ?? null });
      await this.waitBetweenTries(outcome.ms);
    }
  }

  private toApiError(status: number, text: string, method: string, path: string): ApiError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text.slice(0, 200);
    }
    const parsed = wireError.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : `http_${status}`;
    const message = parsed.success && parsed.data.error.message ? parsed.data.error.message : `${method} ${path} answered ${status}`;
    return new ApiError(status, code, message, body);
  }

  /** The backoff before the next try; retryNow() and close() end it early. */
  private waitBetweenTries(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const end = () => {
        this.waits.delete(end);
        resolve();
      };
      this.waits.add(end);
      void this.opts.sleep(ms).then(end);
    });
  }

  /** A person asked to sync now: every wait between tries ends and the next tries go at once. */
  retryNow(): void {
    for (const end of [...this.waits]) end();
  }

  /**
   * Ends the connection: requests in flight fail, a wait between tries ends, and nothing more is
   * sent. Closing Koe (or a restore) then never waits for an unreachable office's backoff.
   */
  close(): void {
    this.closed = true;
    this.retryNow();
    this.transport.close();
  }
}
