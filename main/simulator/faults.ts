// Failure switches. Each one makes the simulator misbehave in one way a real office server
// (or the network in between) can, so the sync engine's handling of it can be tested.

export interface Faults {
  /** Added to every response. */
  latencyMs: number;
  /** The next N requests get 429 with Retry-After. */
  rateLimitNext: number;
  /** The next N requests get 503 with Retry-After. */
  unavailableNext: number;
  /** Value for Retry-After: seconds, or an HTTP date. */
  retryAfter: string;
  /** The next N requests get 500. */
  serverErrorNext: number;
  /** The next N requests: socket destroyed without a response (nothing is processed). */
  dropNext: number;
  /** The next N requests are processed, then the socket is destroyed before the response:
   * the client cannot know its write was stored, and must retry with the same key. */
  dropResponseNext: number;
  /** 0 = off; else every Nth submissions-feed position also yields an invalid item. */
  invalidItemsEvery: number;
  /** Any cursor issued before this was switched on gets 400 invalid_cursor. */
  expireCursors: boolean;
  /** Each page also repeats the last N items of the previous page. */
  overlapPages: number;
  /** 0 = off; else every Nth page of a feed comes back empty with has_more true. */
  emptyPagesEvery: number;
  /** Every request (except /__sim/*) gets its socket destroyed. */
  offline: boolean;
  /** New submissions arriving over time (0 = off). */
  arrivalsPerMinute: number;
}

export const DEFAULT_FAULTS: Faults = {
  latencyMs: 0,
  rateLimitNext: 0,
  unavailableNext: 0,
  retryAfter: '1',
  serverErrorNext: 0,
  dropNext: 0,
  dropResponseNext: 0,
  invalidItemsEvery: 0,
  expireCursors: false,
  overlapPages: 0,
  emptyPagesEvery: 0,
  offline: false,
  arrivalsPerMinute: 0,
};

const NUMBER_KEYS = [
  'latencyMs',
  'rateLimitNext',
  'unavailableNext',
  'serverErrorNext',
  'dropNext',
  'dropResponseNext',
  'invalidItemsEvery',
  'overlapPages',
  'emptyPagesEvery',
  'arrivalsPerMinute',
] as const;
const FRACTIONAL_KEYS = new Set(['latencyMs', 'arrivalsPerMinute']);
const BOOLEAN_KEYS = ['expireCursors', 'offline'] as const;

/** Checks a partial fault set from a caller (tests, the control endpoint); throws on nonsense. */
export function parseFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be an object');
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a number ≥ 0`);
      // Counters and periods count requests, pages or items: only whole numbers make sense.
      if (!FRACTIONAL_KEYS.has(key) && !Number.isInteger(value)) throw new Error(`${key} must be a whole number`);
      (out as Record<string, number>)[key] = value;
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') throw new Error(`${key} must be true or false`);
      (out as Record<string, boolean>)[key] = value;
    } else if (key === 'retryAfter') {
      if (typeof value !== 'string' || value.length === 0) throw new Error('retryAfter must be a non-empty string');
      out.retryAfter = value;
    } else {
      throw new Error(`unknown fault: ${key}`);
    }
  }
  return out;
}

export type RequestFault = 'drop' | 'rate_limited' | 'unavailable' | 'server_error' | 'drop_response';

export class FaultState {
  faults: Faults = { ...DEFAULT_FAULTS };
  /** Cursors carry the epoch they were issued in; expiring bumps it. */
  cursorEpoch = 0;
  minValidEpoch = 0;

  set(partial: Partial<Faults>): void {
    const switchingOn = partial.expireCursors === true && !this.faults.expireCursors;
    this.faults = { ...this.faults, ...partial };
    if (switchingOn) {
      this.cursorEpoch++;
      this.minValidEpoch = this.cursorEpoch;
    } else if (partial.expireCursors === false) {
      this.minValidEpoch = 0;
    }
  }

  /** Takes the fault (if any) that the next request meets; one counter per request. */
  takeRequestFault(): RequestFault | null {
    const f = this.faults;
    if (f.dropNext > 0) return f.dropNext--, 'drop';
    if (f.rateLimitNext > 0) return f.rateLimitNext--, 'rate_limited';
    if (f.unavailableNext > 0) return f.unavailableNext--, 'unavailable';
    if (f.serverErrorNext > 0) return f.serverErrorNext--, 'server_error';
    if (f.dropResponseNext > 0) return f.dropResponseNext--, 'drop_response';
    return null;
  }
}
