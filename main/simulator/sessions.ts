// Sign-in and bearer tokens. Repeated wrong passwords for one username lock it briefly with
// 429, as the office's server does against guessing.
import { randomBytes } from 'node:crypto';
import { sessionRequest } from '../../shared/office-api.js';
import { findAccount, type Account } from './data/staff.js';
import { errorResponse, json, type ApiResponse } from './http.js';
import { formatJst } from './time.js';

export const MAX_FAILED_SIGN_INS = 5;
const FAILURE_WINDOW_MS = 10 * 60_000;
export const LOCKOUT_MS = 60_000;

interface Failures {
  count: number;
  firstMs: number;
  lockedUntilMs: number;
}

export class SessionStore {
  private readonly tokens = new Map<string, { account: Account; expiresMs: number }>();
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly ttlMs: number) {}

  signIn(body: unknown, nowMs: number): ApiResponse {
    const parsed = sessionRequest.safeParse(body);
    if (!parsed.success) return errorResponse(400, 'bad_request', 'Send {"username": "...", "password": "..."}.');
    const key = parsed.data.username.trim().toLowerCase();
    const f = this.failures.get(key);
    if (f && f.lockedUntilMs > nowMs) {
      const seconds = Math.ceil((f.lockedUntilMs - nowMs) / 1000);
      return errorResponse(429, 'too_many_attempts', 'Too many failed sign-in attempts. Try again later.', {}, { 'retry-after': String(seconds) });
    }
    const account = findAccount(parsed.data.username);
    if (!account || account.password !== parsed.data.password) {
      const current = f && nowMs - f.firstMs < FAILURE_WINDOW_MS ? f : { count: 0, firstMs: nowMs, lockedUntilMs: 0 };
      current.count++;
      if (current.count >= MAX_FAILED_SIGN_INS) {
        current.lockedUntilMs = nowMs + LOCKOUT_MS;
        current.count = 0;
        current.firstMs = nowMs;
      }
      this.failures.set(key, current);
      return errorResponse(401, 'invalid_credentials', 'The username or password is wrong.');
    }
    this.failures.delete(key);
    const token = randomBytes(24).toString('base64url');
    const expiresMs = nowMs + this.ttlMs;
    this.tokens.set(token, { account, expiresMs });
    return json(201, {
      token,
      expires_at: formatJst(expiresMs),
      staff: { id: account.staffId, name: account.name, role: account.role },
    });
  }

  /** The account behind an Authorization header, or null (missing, unknown, expired, revoked). */
  authenticate(header: string | undefined, nowMs: number): { account: Account; token: string } | null {
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!m) return null;
    const token = m[1]!;
    const session = this.tokens.get(token);
    if (!session) return null;
    if (session.expiresMs <= nowMs) {
      this.tokens.delete(token);
      return null;
    }
    return { account: session.account, token };
  }

  signOut(token: string): void {
    this.tokens.delete(token);
  }

  revokeAll(): void {
    this.tokens.clear();
  }
}
