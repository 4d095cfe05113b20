// Runs the sync engine for the app: on a schedule and on demand, one network operation at a
// time, pushing staff actions soon after they are made, building the search index in the
// background in small slices so the main process never stalls, and keeping a status the
// renderer shows.
import type { SyncErrorCode, SyncStatus } from '../../shared/domain.js';
import type { ChangeTopic } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { quarantineCount } from '../store/quarantine.js';
import { indexBatch, indexPendingCount } from '../store/search-index.js';
import { kvGet, stmt } from '../store/statements.js';
import { storeGuard } from '../safety/write-guard.js';
import { ApiError, UnreachableError } from './client.js';
import type { SyncEngine } from './engine.js';

export interface BackgroundTask {
  /** Does one small slice of work; returns how many items it handled (0 = nothing left). */
  step(): number;
}

/** The kind of a sync failure, for the status bar's message in the user's language. */
export function syncErrorCode(err: unknown): SyncErrorCode {
  if (err instanceof UnreachableError) return err.status === null ? 'offline' : 'server';
  if (err instanceof ApiError) {
    if (err.code === 'unauthenticated') return 'session';
    if (err.code === 'bad_response') return 'contract';
    return err.status >= 500 ? 'server' : 'refused';
  }
  return 'other';
}

export class SyncRunner {
  private status: Omit<SyncStatus, 'pendingOutbox' | 'pendingTransfers' | 'pendingReplies' | 'quarantined' | 'indexPending' | 'lastSyncAt'> = {
    phase: 'idle', running: false, itemsDone: 0, itemsExpected: null, lastError: null, lastErrorCode: null, offline: false,
  };
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  private backgroundRunning = false;
  private closed = false;
  /** The sync schedule (0: on demand only); settings can change it while Koe runs. */
  private intervalMs: number;
  private started = false;
  /** Network operations queued or running (exclusive). */
  private inFlight = 0;
  private transfersReadAt = 0;
  /** Set when the server ended the session and nobody can sign in again without the user. */
  sessionExpired = false;

  constructor(
    private readonly db: Db,
    private readonly engine: SyncEngine,
    private readonly emit: (topics: ChangeTopic[]) => void,
    private readonly opts: {
      intervalMs: number;
      canSync: () => boolean;
      background?: BackgroundTask[];
      /** Ends a wait between tries of the operation in flight, so an asked-for sync is not stuck behind it. */
      tryNow?: () => void;
    },
  ) {
    this.intervalMs = opts.intervalMs;
  }

  start(): void {
    this.started = true;
    this.schedule();
    this.runBackground();
  }

  /** A changed sync interval applies at once: the schedule starts again from now. */
  setIntervalMs(ms: number): void {
    if (ms === this.intervalMs) return;
    this.intervalMs = ms;
    if (this.started && !this.closed) this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = this.intervalMs > 0 ? setInterval(() => void this.queueSync().catch(() => undefined), this.intervalMs) : null;
  }

  /** The schedule now in force (0: syncs only on demand). */
  get scheduleMs(): number {
    return this.intervalMs;
  }

  getStatus(): SyncStatus {
    return {
      ...this.status,
      lastSyncAt: kvGet(this.db, 'last_sync_at'),
      pendingOutbox: (stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM outbox').get()!).n,
      pendingTransfers: (stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM transfer_outbox WHERE refused IS NULL').get()!).n,
      pendingReplies: (stmt<[], { n: number }>(this.db, "SELECT count(*) AS n FROM mail_outbox WHERE state IN ('queued', 'sending')").get()!).n,
      quarantined: quarantineCount(this.db),
      indexPending: indexPendingCount(this.db),
    };
  }

  /** The engine reports progress here. */
  onProgress(p: { phase: SyncStatus['phase']; itemsDone: number; itemsExpected: number | null }): void {
    this.status = { ...this.status, ...p };
    this.emit(['sync']);
  }

  /**
   * The client is about to wait and try again. A failed connection means the office cannot be
   * reached: say so now, while the tries go on, rather than only when the last one has failed.
   */
  onRetry(info: { status: number | null }): void {
    if (info.status !== null || this.status.offline) return;
    this.status = { ...this.status, offline: true };
    this.emit(['sync']);
  }

  /** One sync, asked for now: queued behind any network operation in flight, whose wait between tries ends. */
  syncNow(): Promise<void> {
    if (this.opts.canSync()) this.opts.tryNow?.();
    return this.queueSync();
  }

  /** One sync, queued behind any network operation in flight (the schedule's: no one is waiting). */
  private queueSync(): Promise<void> {
    if (!this.opts.canSync()) return Promise.resolve();
    return this.exclusive(async () => {
      // While the disk is full or read-only, a sync would only fail half-way: wait until a test
      // write succeeds again, and keep saying why.
      const blocked = storeGuard(this.db).check();
      if (blocked) {
        this.status = { ...this.status, running: false, phase: 'failed', offline: false, lastError: blocked.message, lastErrorCode: 'store' };
        this.emit(['sync']);
        return;
      }
      this.status = { ...this.status, running: true, lastError: null, lastErrorCode: null, phase: 'pushing', itemsDone: 0, itemsExpected: null };
      this.emit(['sync']);
      try {
        await this.engine.syncOnce();
        this.status = { ...this.status, running: false, phase: 'done', offline: false };
        this.sessionExpired = false;
      } catch (err) {
        this.fail(err);
        throw err;
      } finally {
        this.emit(['sync', 'outbox']);
        this.runBackground();
      }
    });
  }

  /** Pushes pending actions shortly after they are made (coalescing bursts). */
  schedulePush(delayMs = 250): void {
    if (this.pushTimer || this.closed) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      if (!this.opts.canSync() || storeGuard(this.db).check()) return;
      void this.exclusive(async () => {
        try {
          await this.engine.pushOutbox();
          if (this.status.offline) this.status = { ...this.status, offline: false, lastError: null, lastErrorCode: null };
        } catch (err) {
          this.fail(err);
        } finally {
          this.emit(['sync', 'outbox', 'triage']);
        }
      });
    }, delayMs);
  }

  private fail(err: unknown): void {
    // Only a failed connection is offline: an office that answers with errors was reached.
    const offline = err instanceof UnreachableError && err.status === null;
    if (err instanceof ApiError && err.code === 'unauthenticated') this.sessionExpired = true;
    const storeProblem = storeGuard(this.db).note(err);
    const lastErrorCode = storeProblem ? 'store' : syncErrorCode(err);
    this.status = { ...this.status, running: false, phase: 'failed', offline, lastError: storeProblem?.message ?? (err as Error).message, lastErrorCode };
    this.emit(this.sessionExpired ? ['sync', 'session'] : ['sync']);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const done = () => {
      this.inFlight--;
    };
    const run = this.chain.then(fn, fn);
    run.then(done, done);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the office's transfers feed in the background when it has not been read for a while,
   * so that a batch a colleague sent since the last sync is known (and left out) before anyone
   * here reviews the same items. Skipped while other network work is queued: a sync reads the
   * same feed. Never waited for; a failure is left to the next sync.
   */
  refreshTransfersSoon(minAgeMs = 30_000): void {
    if (this.closed || this.inFlight > 0 || !this.opts.canSync() || Date.now() - this.transfersReadAt < minAgeMs) return;
    this.transfersReadAt = Date.now();
    void this.exclusive(() => this.engine.pullTransfers()).catch(() => undefined);
  }

  /** Background slices (search index, similar grouping) between other work, never blocking long. */
  runBackground(): void {
    if (this.backgroundRunning || this.closed) return;
    this.backgroundRunning = true;
    let announced = false;
    const tick = () => {
      if (this.closed) return;
      // While the disk is full or the file damaged, background work waits; the next sync that
      // gets through starts it again.
      if (storeGuard(this.db).problem) {
        this.backgroundRunning = false;
        return;
      }
      let handled: number;
      try {
        handled = indexBatch(this.db, 200);
        for (const task of this.opts.background ?? []) handled += task.step();
      } catch (err) {
        this.fail(err);
        this.backgroundRunning = false;
        return;
      }
      if (handled > 0) {
        if (!announced) {
          this.emit(['sync']);
          announced = true;
        }
        setImmediate(tick);
      } else {
        this.backgroundRunning = false;
        this.emit(['sync', 'submissions']);
      }
    };
    setImmediate(tick);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pushTimer) clearTimeout(this.pushTimer);
    await this.chain.catch(() => undefined);
  }
}
