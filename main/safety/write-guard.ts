// What Koe does when the database cannot be written: it says so plainly, keeps what it has and
// stops writing until a small test write succeeds again. One guard per open database, shared by
// the contract handlers (a failed call becomes `store_unavailable`) and the sync runner (which
// pauses while the problem lasts).
import { KoeError } from '../../shared/contract-kit.js';
import type { StoreProblem } from '../../shared/contract-safety.js';
import type { Db } from '../store/db.js';
import { STORE_PROBLEM_MESSAGES, storeFailureKind } from './store-failure.js';

const PROBE_BYTES = 64 * 1024;

/** Calls that still work on a damaged database: they read nothing from it. */
const ALLOWED_WHEN_CORRUPT = new Set(['app:info', 'session:get', 'safety:status', 'safety:recoveryPlan', 'safety:recover']);

export class StoreGuard {
  private current: StoreProblem | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: Db) {}

  get problem(): StoreProblem | null {
    return this.current;
  }

  /**
   * Records a failure of the database itself (SQLite's own codes); returns the problem, or null
   * when the error is something else. A file error elsewhere (an export to a folder the user may
   * not write) says nothing about the database.
   */
  note(error: unknown, now = new Date()): StoreProblem | null {
    const code = (error as { code?: unknown } | null)?.code;
    const kind = typeof code === 'string' && code.startsWith('SQLITE_') ? storeFailureKind(error) : null;
    if (!kind) return null;
    // A damaged file stays the headline even if a disk error follows.
    if (this.current?.kind === 'corrupt') return this.current;
    if (this.current?.kind !== kind) {
      this.current = { kind, message: STORE_PROBLEM_MESSAGES[kind], since: now.toISOString() };
      this.changed();
    }
    return this.current;
  }

  /**
   * Null when writing works (clearing a recorded disk problem once a real write commits again);
   * the problem otherwise. A damaged file is never cleared here: only a restore or resync does.
   */
  check(): StoreProblem | null {
    if (!this.current || this.current.kind === 'corrupt') return this.current;
    try {
      // Big enough to need fresh pages (a few bytes would fit in a page's free space even on a
      // full disk), and gone again in the same transaction.
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('write_probe', 'x'.repeat(PROBE_BYTES));
        this.db.prepare("DELETE FROM kv WHERE key = 'write_probe'").run();
      }).immediate();
    } catch (error) {
      this.note(error);
      return this.current;
    }
    this.current = null;
    this.changed();
    return null;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

const guards = new WeakMap<Db, StoreGuard>();

/** The guard of one open database (made on first use). */
export function storeGuard(db: Db): StoreGuard {
  let g = guards.get(db);
  if (!g) {
    g = new StoreGuard(db);
    guards.set(db, g);
  }
  return g;
}

export function storeUnavailable(problem: StoreProblem): KoeError {
  return new KoeError('store_unavailable', problem.message, { kind: problem.kind, since: problem.since });
}

/**
 * Wraps each contract handler: a storage failure becomes `store_unavailable` with a plain
 * message; while the file is known to be damaged, calls that would read it are refused; after
 * a disk problem, each successful call checks whether writing works again.
 */
export function guardHandlers<H extends Record<string, (input: never, ctx: never) => unknown>>(db: Db, handlers: H): H {
  const guard = storeGuard(db);
  const wrapped: Record<string, (input: never, ctx: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (input, ctx) => {
      const before = guard.problem;
      if (before?.kind === 'corrupt' && !ALLOWED_WHEN_CORRUPT.has(name)) throw storeUnavailable(before);
      let value: unknown;
      try {
        value = await handler(input, ctx);
      } catch (error) {
        const problem = guard.note(error);
        if (problem) throw storeUnavailable(problem);
        throw error;
      }
      if (before && before.kind !== 'corrupt' && !name.startsWith('safety:')) guard.check();
      return value;
    };
  }
  return wrapped as H;
}
