// The office API, version 1: routes each /v1 request to its handler. Faults, latency and
// recording happen around this, in server.ts.
import type { IncomingHttpHeaders } from 'node:http';
import { ACCOUNTS, STAFF } from './data/staff.js';
import { REFERENCE, REFERENCE_ETAG } from './data/reference.js';
import { servePage } from './feeds.js';
import { errorResponse, json, parseJsonBody, type ApiResponse } from './http.js';
import type { Actor } from './events.js';
import type { SimulatorState } from './state.js';

export const API_VERSION = 'koe-office-simulator 1.0';

type Handler = (ctx: RequestContext) => ApiResponse;
interface RequestContext {
  state: SimulatorState;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  nowMs: number;
  actor: Actor;
  token: string;
  params: string[];
}
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
  /** Health and sign-in are the only calls without a token. */
  public?: boolean;
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};

function forbiddenForStaff(actor: Actor): ApiResponse | null {
  return actor.role === 'staff' ? errorResponse(403, 'forbidden', 'Only supervisors and admins maintain reply templates.') : null;
}

function ifNoneMatchHits(value: string | null, etag: string): boolean {
  if (!value) return false;
  return value.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

const ROUTES: Route[] = [
  {
    pattern: /^\/v1\/health$/,
    public: true,
    methods: { GET: () => json(200, { status: 'ok', version: API_VERSION }) },
  },
  {
    pattern: /^\/v1\/sessions$/,
    public: true,
    methods: { POST: ({ state, rawBody, nowMs }) => state.sessions.signIn(parseJsonBody(rawBody), nowMs) },
  },
  {
    pattern: /^\/v1\/sessions\/current$/,
    methods: {
      DELETE: ({ state, token }) => {
        state.sessions.signOut(token);
        return { status: 204 };
      },
    },
  },
  {
    pattern: /^\/v1\/reference$/,
    methods: {
      GET: ({ headers }) =>
        ifNoneMatchHits(header(headers, 'if-none-match'), REFERENCE_ETAG)
          ? { status: 304, headers: { etag: REFERENCE_ETAG } }
          : json(200, REFERENCE, { etag: REFERENCE_ETAG }),
    },
  },
  {
    pattern: /^\/v1\/staff$/,
    methods: { GET: () => json(200, { items: STAFF }) },
  },
  {
    pattern: /^\/v1\/templates$/,
    methods: { GET: ({ state }) => json(200, { items: state.templates.list() }) },
  },
  {
    pattern: /^\/v1\/templates\/([^/]+)$/,
    methods: {
      PUT: ({ state, actor, params, rawBody, nowMs }) =>
        forbiddenForStaff(actor) ?? state.templates.put(params[0]!, parseJsonBody(rawBody), nowMs),
      DELETE: ({ state, actor, params }) => forbiddenForStaff(actor) ?? state.templates.remove(params[0]!),
    },
  },
  {
    pattern: /^\/v1\/submissions$/,
    methods: { GET: ({ state, url }) => servePage(state.submissions, url.searchParams, state.faults, state.pagesServed) },
  },
  {
    pattern: /^\/v1\/events$/,
    methods: {
      GET: ({ state, url }) => servePage(state.events, url.searchParams, state.faults, state.pagesServed),
      POST: ({ state, actor, rawBody, headers, nowMs }) =>
        state.events.post(actor, parseJsonBody(rawBody), header(headers, 'idempotency-key'), nowMs),
    },
  },
  {
    pattern: /^\/v1\/transfers$/,
    methods: {
      GET: ({ state, url }) => {
        state.transfers.settle(Date.now());
        return servePage(state.transfers, url.searchParams, state.faults, state.pagesServed);
      },
      POST: ({ state, actor, rawBody, headers, nowMs }) =>
        state.transfers.post(actor, parseJsonBody(rawBody), header(headers, 'idempotency-key'), nowMs),
    },
  },
];

export function handleApi(state: SimulatorState, method: string, url: URL, headers: IncomingHttpHeaders, rawBody: Buffer): ApiResponse {
  const nowMs = Date.now();
  for (const route of ROUTES) {
    const m = route.pattern.exec(url.pathname);
    if (!m) continue;
    const handler = route.methods[method];
    if (!handler) {
      return errorResponse(405, 'method_not_allowed', `${method} is not allowed here.`, {}, { allow: Object.keys(route.methods).join(', ') });
    }
    let actor: Actor = { staffId: '', role: 'staff' };
    let token = '';
    if (!route.public) {
      const session = state.sessions.authenticate(header(headers, 'authorization') ?? undefined, nowMs);
      if (!session) return errorResponse(401, 'unauthenticated', 'Sign in again: the token is missing, expired or revoked.');
      actor = { staffId: session.account.staffId, role: session.account.role };
      token = session.token;
    }
    let params: string[];
    try {
      params = m.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return errorResponse(400, 'bad_request', 'The path is not valid.');
    }
    return handler({ state, url, headers, rawBody, nowMs, actor, token, params });
  }
  return errorResponse(404, 'not_found', `No such endpoint: ${url.pathname}`);
}

/** Used by postEventAs: the same validation as a real client's POST, as that staff member. */
export function actorFor(username: string): Actor | null {
  const account = ACCOUNTS.find((a) => a.username === username);
  return account ? { staffId: account.staffId, role: account.role } : null;
}
